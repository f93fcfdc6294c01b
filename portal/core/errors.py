"""Error pages in the portal's own layout. A 400 explains what was wrong with the request."""

from django.shortcuts import render


def bad_request(request, exception=None):
    message = str(exception) if exception is not None and str(exception) else None
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
