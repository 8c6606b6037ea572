"""The expert profile in a person's data export; deleting the account removes the profile from the directory."""

from experts.models import Expert


def export(user) -> dict:
    expert = Expert.objects.filter(user=user).prefetch_related("topics", "levels", "provinces").first()
    if expert is None:
        return {}
    return {"expert_profile": {
        "name": expert.name, "job_title": expert.job_title, "shell": expert.shell, "email": expert.email,
        "phone": expert.phone, "bio": expert.bio, "topics": [t.name for t in expert.topics.all()],
        "levels": expert.level_codes, "provinces": [p.name for p in expert.provinces.all()],
        "listing_consent": expert.listing_consent,
        "listing_consent_at": expert.listing_consent_at.isoformat() if expert.listing_consent_at else None,
    }}


def anonymise(user) -> None:
    """The person leaves: their profile disappears from the directory and loses its contact details."""
    Expert.objects.filter(user=user).update(
        user=None, name="Voormalig expert", email="verwijderd@trainingnet.invalid", phone="", bio="",
        active=False, listing_consent=False, listing_consent_at=None,
    )
