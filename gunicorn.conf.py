"""gunicorn's settings for Trainingnet: gunicorn reads this file from the folder it starts in (`gunicorn
trainingnet.wsgi ...` in the project's folder, as in the README and bench/run.py)."""

import gc


def post_worker_init(worker) -> None:
    """The application is loaded: freeze its objects (Django's, Wagtail's, the URL patterns, the translations) out of
    the garbage collector's sight. Otherwise every full collection walks them all in the middle of some request: a
    pause of about 150 ms measured on a logged-in page, the whole of its p99."""
    gc.freeze()
