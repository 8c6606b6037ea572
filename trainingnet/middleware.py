class DutchFirstMiddleware:
    """Dutch first: the site speaks Dutch unless the visitor chose English in the footer (the language cookie).

    The browser's Accept-Language header is ignored, so an English browser does not get a page marked `lang="en"`
    whose content is Dutch.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
