"""The agency's improvement and prevention work, split by concept."""

from .actions import ActionPlan, PlanReport, Project, ProjectProgress
from .common import EvidenceSource, Period
from .ethics import EthicsRecord
from .feeds import CalendarFeed
from .measures import AnalysisPoint, FollowUp, ImportedResult, Measure, MeasureMethod, MeasurePlan, ResultsImportJob
from .meetings import Meeting
from .memos import Memo, MemoOpinion
from .reminders import PlanReminder
from .nogift import ChiefExecutiveTerm, NoGiftActivity, NoGiftDeclaration, NoGiftReport
from .risks import Risk, RiskRegister, RiskTreatment

__all__ = [
    "ActionPlan", "AnalysisPoint", "CalendarFeed", "ChiefExecutiveTerm", "EthicsRecord", "EvidenceSource", "FollowUp", "ImportedResult",
    "Measure", "MeasureMethod", "MeasurePlan", "Meeting", "Memo", "MemoOpinion", "NoGiftActivity",
    "NoGiftDeclaration", "NoGiftReport", "Period", "PlanReminder", "PlanReport", "Project", "ProjectProgress", "Risk",
    "ResultsImportJob", "RiskRegister", "RiskTreatment",
]
