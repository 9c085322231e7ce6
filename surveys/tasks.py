"""Background work of the survey app (django-tasks; run `manage.py db_worker`)."""

from django_tasks import task


@task()
def score_import_run(job_id: int) -> str:
    """Read one uploaded workbook of official scores; the job records the outcome."""
    from .services import score_import_job_run

    return score_import_job_run(job_id=job_id)
