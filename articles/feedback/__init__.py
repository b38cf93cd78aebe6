"""«آیا این خبر مفید بود؟»: the readers' votes (models.py), the widget's endpoints (views.py,
forms.py), the question under each article and the desk's least useful (blocks.py,
registered in articles/apps.py), and the staff's usefulness report (admin.py,
templatetags.py)."""
