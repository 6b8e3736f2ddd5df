"""bahth's web page and JSON API (Flask), over ``search``."""
