"""A framework version and its tree, as loaded from one YAML file.

Rows are keyed by (version, node_id); node ids come from the file and never change,
so reloading the same file updates rows in place.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.translated import TranslatedMixin, pick_text


class FrameworkVersion(TranslatedMixin, models.Model):
    code = models.SlugField(_("version id"), max_length=50, unique=True)
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    scoring = models.JSONField(default=dict)
    rating_scheme = models.ForeignKey(
        "RatingScheme", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    digest = models.CharField(max_length=64, help_text="SHA-256 of the loaded file")
    source_file = models.CharField(max_length=300, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)
    locked = models.BooleanField(
        default=False,
        help_text=_("Set once an assessment or a survey campaign uses it; a locked version cannot change."),
    )
    # Which kind of plans record publishes into which item (and ticks which elements):
    # [{record, item (node id), ticks: [element node ids], confidence, source}].
    publishing = models.JSONField(default=list, blank=True)
    # How this version's items follow from the previous version's: see data/FORMAT.md.
    crosswalk = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-fiscal_year", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return self.tr("name")


CONFIDENCE_LABELS = {"confirmed": _("confirmed"), "inferred": _("inferred"), "unknown": _("unknown")}


class Node(TranslatedMixin, models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE)
    node_id = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)
    confidence = models.CharField(max_length=20, blank=True)
    source = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["position"]

    @property
    def confidence_label(self) -> str:
        return str(CONFIDENCE_LABELS.get(self.confidence or "unknown", ""))

    @property
    def urn(self) -> str:
        return f"urn:prongsai:{self.version.code}:{self.node_id}"


def _unique_node(name: str):
    return models.UniqueConstraint(fields=["version", "node_id"], name=f"{name}_unique_node")


class Tool(Node):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="tools")
    code = models.CharField(max_length=20)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    weight = models.DecimalField(max_digits=6, decimal_places=4)

    class Meta(Node.Meta):
        constraints = [_unique_node("tool")]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return self.tr("name")


class Indicator(Node):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="indicators")
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="indicators")
    number = models.CharField(max_length=10)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    weight = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    share = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)

    class Meta(Node.Meta):
        constraints = [_unique_node("indicator")]

    def __str__(self) -> str:
        return f"{self.number} {self.name_th}"

    @property
    def name(self) -> str:
        return self.tr("name")


class SubIndicator(Node):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="subindicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="subindicators")
    number = models.CharField(max_length=10)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)

    class Meta(Node.Meta):
        constraints = [_unique_node("subindicator")]

    def __str__(self) -> str:
        return f"{self.number} {self.name_th}"

    @property
    def name(self) -> str:
        return self.tr("name")


class Item(Node):
    """An OIT item such as o1: what the agency must publish, and under which rules."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="items")
    subindicator = models.ForeignKey(
        SubIndicator, null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(max_length=20)
    title_th = models.CharField(max_length=400)
    title_en = models.CharField(max_length=400, blank=True)
    group_th = models.CharField(max_length=300, blank=True)
    group_en = models.CharField(max_length=300, blank=True)
    weight = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    time_rule = models.JSONField(default=dict)
    notes = models.JSONField(default=list, blank=True)
    responsible = models.JSONField(default=dict, blank=True)
    elements_status = models.CharField(
        max_length=10,
        default="listed",
        help_text="listed: every element is in the file; partial: some are; unknown: none are known",
    )

    class Meta(Node.Meta):
        constraints = [_unique_node("item")]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"

    @property
    def title(self) -> str:
        return self.tr("title")

    @property
    def group(self) -> str:
        return self.tr("group")

    def _pick(self, text: dict | None) -> str:
        return pick_text(text)

    @property
    def elements_known(self) -> bool:
        return self.elements_status == "listed"

    @property
    def responsible_division(self) -> str:
        return self._pick(self.responsible.get("division"))

    @property
    def responsible_position(self) -> str:
        return self._pick(self.responsible.get("position"))

    @property
    def responsible_also(self) -> list[str]:
        return [self._pick(text) for text in self.responsible.get("also", [])]

    @property
    def time_rule_text(self) -> str:
        return self._pick(self.time_rule.get("text"))

    @property
    def note_texts(self) -> list[str]:
        return [self._pick(note) for note in self.notes]


class Element(Node):
    """One checkable requirement of an item; numbered sub-entries hang under their lead-in."""

    class Kind(models.TextChoices):
        CONTENT = "content", _("content")
        CONDITION = "condition", _("condition")
        TIME = "time", _("time condition")

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="elements")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="elements")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    label = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CONTENT)
    any_of = models.BooleanField(default=False, help_text="its sub-entries are alternatives: one is enough")
    text_th = models.TextField()
    text_en = models.TextField(blank=True)

    class Meta(Node.Meta):
        constraints = [_unique_node("element")]

    def __str__(self) -> str:
        return f"{self.node_id} {self.text_th[:40]}"

    @property
    def text(self) -> str:
        return self.tr("text")


class RatingScheme(Node):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="rating_schemes")
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)

    class Meta(Node.Meta):
        constraints = [_unique_node("ratingscheme")]

    def __str__(self) -> str:
        return self.node_id

    @property
    def name(self) -> str:
        return self.tr("name")


class RatingBand(Node):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="rating_bands")
    scheme = models.ForeignKey(RatingScheme, on_delete=models.CASCADE, related_name="bands")
    label_th = models.CharField(max_length=100)
    label_en = models.CharField(max_length=100, blank=True)
    min_total = models.DecimalField(max_digits=6, decimal_places=2)
    max_total = models.DecimalField(max_digits=6, decimal_places=2)
    min_each_tool = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(default=False)
    colour = models.CharField(max_length=20, blank=True)

    class Meta(Node.Meta):
        constraints = [_unique_node("ratingband")]

    def __str__(self) -> str:
        return self.label_th

    @property
    def label(self) -> str:
        return self.tr("label")


class CalendarPhase(Node):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="phases")
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    start = models.DateField()
    end = models.DateField()

    class Meta(Node.Meta):
        constraints = [_unique_node("calendarphase")]

    def __str__(self) -> str:
        return self.node_id

    @property
    def name(self) -> str:
        return self.tr("name")


# --- questionnaires (IIT, EIT) ----------------------------------------------------------


_pick_text = pick_text  # the one way to pick Thai or English (lib.translated)


class Scale(Node):
    """An answer scale: its options in order, each with the points it scores."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="scales")
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    options = models.JSONField(default=list, help_text="[{value, label: {th, en}, points}]")

    class Meta(Node.Meta):
        constraints = [_unique_node("scale")]

    def __str__(self) -> str:
        return self.node_id

    @property
    def name(self) -> str:
        return self.tr("name")

    def choices(self) -> list[tuple[str, str]]:
        return [(option["value"], _pick_text(option["label"])) for option in self.options]


class Questionnaire(Node):
    """The survey that produces one tool's indicator scores (IIT for staff, EIT for the public)."""

    class Respondents(models.TextChoices):
        STAFF = "staff", _("agency staff")
        PUBLIC = "public", _("service users and the public")

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="questionnaires")
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="questionnaires")
    code = models.SlugField(max_length=20)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    intro_th = models.TextField(blank=True)
    intro_en = models.TextField(blank=True)
    respondents = models.CharField(max_length=10, choices=Respondents.choices)
    report_threshold = models.PositiveIntegerField(default=5)
    parts = models.JSONField(default=list, blank=True, help_text="[{id, name: {th, en}, description}]")
    parts_for_kinds = models.JSONField(default=list, blank=True)

    class Meta(Node.Meta):
        constraints = [_unique_node("questionnaire")]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return self.tr("name")

    @property
    def intro(self) -> str:
        return self.tr("intro")

    def parts_for(self, agency_kind: str) -> list[dict]:
        """The parts an agency of AGENCY_KIND answers in; [] means one single part."""
        return list(self.parts) if agency_kind in self.parts_for_kinds else []

    def part_name(self, part_id: str) -> str:
        for part in self.parts:
            if part["id"] == part_id:
                return _pick_text(part["name"])
        return ""


class Question(Node):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="questions")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=20)
    text_th = models.TextField()
    text_en = models.TextField(blank=True)

    class Meta(Node.Meta):
        constraints = [_unique_node("question")]

    def __str__(self) -> str:
        return f"{self.code} {self.text_th[:40]}"

    @property
    def text(self) -> str:
        return self.tr("text")


class AnswerRow(Node):
    """One answer the respondent gives; a question has one or several."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="answer_rows")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="rows")
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="rows")
    text_th = models.TextField(blank=True)
    text_en = models.TextField(blank=True)
    reverse = models.BooleanField(default=False, help_text=_("Scored in reverse: the first option scores the most."))

    class Meta(Node.Meta):
        constraints = [_unique_node("answerrow")]

    def __str__(self) -> str:
        return self.node_id

    @property
    def text(self) -> str:
        return self.tr("text")


class SampleRule(Node):
    """How many responses a questionnaire needs, from a count or from the agency's group."""

    class Basis(models.TextChoices):
        ELIGIBLE_STAFF = "eligible_staff", _("number of eligible staff")
        SERVICE_USERS = "service_users", _("estimated number of service users")
        AGENCY_GROUP = "agency_group", _("agency group and size")

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="sample_rules")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sample_rules")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    kind = models.CharField(max_length=20)
    name_th = models.CharField(max_length=300, blank=True)
    name_en = models.CharField(max_length=300, blank=True)
    params = models.JSONField(default=dict, help_text="percent, at_least, all_below, cap, rows")

    class Meta(Node.Meta):
        constraints = [_unique_node("samplerule")]

    def __str__(self) -> str:
        return self.node_id

    @property
    def name(self) -> str:
        return self.tr("name")

    def table_rows(self) -> list[tuple[str, str, int]]:
        return [(row["id"], _pick_text(row["group"]), row["minimum"]) for row in self.params.get("rows", [])]


class FrameworkUpload(models.Model):
    """A framework file an operator uploaded in the product: checked, shown as a diff against
    the previous year, and published only when the operator confirms. The bytes are kept."""

    class Status(models.TextChoices):
        PENDING = "pending", _("checked, waiting for confirmation")
        PUBLISHED = "published", _("published")

    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    digest = models.CharField(max_length=64)
    version_code = models.SlugField(max_length=50)
    fiscal_year = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    uploaded_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.version_code} ({self.file_name})"
