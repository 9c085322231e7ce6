"""Background work of the plans app (django-tasks; run `manage.py db_worker`)."""

from django_tasks import task


@task()
def results_import_run(job_id: int) -> str:
    """Read one uploaded workbook of last year's results; the job records the outcome."""
    from .services.results import results_import_job_run

    return results_import_job_run(job_id=job_id)
