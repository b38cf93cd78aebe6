"""«آیا این خبر مفید بود؟»: the readers' votes and the report's QuerySet (models.py), the
widget's endpoints (views.py, forms.py), the question at the end of each article (blocks.py,
registered in articles/apps.py), and the staff's usefulness report (admin.py,
templatetags.py)."""
