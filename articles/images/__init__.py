"""The image library: pictures uploaded once, with alt text, caption, credit and a focal
point, stripped of what a phone writes into them (GPS), and renditions made in the
background for every layout that shows them.

The articles' core uses it (an article's lead image); it knows nothing of articles, nor of
comments. Its model is registered in articles/models/__init__.py, its admin in
articles/admin/__init__.py, and its task is enqueued from a signal connected in
`ArticlesConfig.ready()`.
"""
