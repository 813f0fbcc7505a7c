from citymined import organisation


def site(request):
    """What every page states about the organisation (footer, contact block)."""
    return {
        "organisation": {
            "name": organisation.NAME,
            "email": organisation.EMAIL,
            "phones": organisation.PHONES,
            "address": organisation.address(),
        },
    }
