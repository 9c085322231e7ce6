"""A framework version and its tree, as loaded from one YAML file.

Rows are keyed by (version, node_id); node ids come from the file and never change,
so reloading the same file updates rows in place.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TranslatedMixin:
    """Pick the English text when the active language is English and it exists."""

    def tr(self, field: str) -> str:
        thai = getattr(self, f"{field}_th")
        if (get_language() or "th").startswith("en"):
            return getattr(self, f"{field}_en") or thai
        return thai


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
        help_text=_("Set once an assessment is opened on it; a locked version cannot change."),
    )

    class Meta:
        ordering = ["-fiscal_year", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return self.tr("name")


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
        if not text:
            return ""
        if (get_language() or "th").startswith("en"):
            return text.get("en") or text.get("th", "")
        return text.get("th", "")

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
