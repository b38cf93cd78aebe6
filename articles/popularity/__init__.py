"""«پربازدیدترین»: how often articles are read, an hour at a time (models.py), counted in each
worker's memory and written in batches (counting.py), and the ranking on the home page and
under each article (blocks.py), registered in articles/apps.py."""
