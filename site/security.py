"""The Permissions-Policy header: the site uses no camera, microphone, location or payment API.

(The badge's QR code is read by the phone's own camera app, which opens the check-in page.)
"""

POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", POLICY)
        return response
