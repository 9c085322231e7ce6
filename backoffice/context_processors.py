"""What every back-office page shows in its top bar: how much work waits for this user."""

from django.utils.functional import SimpleLazyObject


def work_counts(request):
    """{{ work_counts }}: counted only when a template shows it (two queries per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from assessments.selectors import work_counts as count

    return {"work_counts": SimpleLazyObject(lambda: count(user))}
