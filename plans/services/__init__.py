"""Writes for the agency's improvement and prevention work. Import from here."""

from .actions import action_plan_create, plan_report_file, project_add
from .common import parse_money
from .ethics import ethics_record_add
from .measures import (
    analysis_point_add,
    follow_up_add,
    follow_up_update,
    measure_create,
    measure_method_add,
    measure_plan_create,
    measure_plan_update,
    measure_set_status,
    measure_update,
    method_update,
)
from .meetings import meeting_minutes_record, meeting_record
from .memos import Opinion, memo_write
from .nogift import (
    chief_executive_on,
    chief_executive_record,
    no_gift_activity_add,
    no_gift_declare,
    no_gift_report_file,
)
from .results import analysis_results_import, imported_result_add_weakness, results_import_request
from .risks import risk_add, risk_register_create, risk_treatment_add

__all__ = [
    "Opinion", "action_plan_create", "analysis_point_add", "analysis_results_import", "results_import_request", "follow_up_update",
    "imported_result_add_weakness", "measure_plan_update", "measure_update", "method_update", "chief_executive_on",
    "chief_executive_record",
    "ethics_record_add", "follow_up_add", "measure_create", "measure_method_add", "measure_plan_create",
    "measure_set_status", "meeting_minutes_record", "meeting_record", "memo_write", "no_gift_activity_add",
    "no_gift_declare", "no_gift_report_file", "parse_money", "plan_report_file", "project_add", "risk_add",
    "risk_register_create", "risk_treatment_add",
]
