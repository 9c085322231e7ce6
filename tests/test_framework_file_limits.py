"""The framework loader refuses duplicate keys, aliases and oversized files, naming file and line
(the loader itself is lib.yamlio.strict_load and frameworks.services.framework_bytes_read)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frameworks.schema import FrameworkFileError
from frameworks.services import DATA_DIR, MAX_FILE_BYTES, framework_file_read

SHIPPED = (DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8")


def problems(path) -> list[str]:
    with pytest.raises(FrameworkFileError) as caught:
        framework_file_read(path)
    return [f"{where}: {reason}" for where, reason in caught.value.problems]


def test_a_key_written_twice_is_refused_with_both_lines(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(SHIPPED.replace("\nformat:", "\nid: ita-duplicate\nformat:", 1), encoding="utf-8")
    (found,) = problems(path)
    assert "line" in found and "duplicate key 'id'" in found


def test_a_nested_duplicate_is_refused(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("format: prongsai.framework/1\nname:\n  th: ก\n  th: ข\n", encoding="utf-8")
    (found,) = problems(path)
    assert "line 4" in found and "duplicate key 'th' (first at line 3)" in found


def test_aliases_that_expand_past_the_bound_are_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]  # 10^9 entries
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size < 2000
    (found,) = problems(path)
    assert "expands to more than 500000 entries" in found


def test_a_few_aliases_are_fine():
    from lib.yamlio import strict_load

    assert strict_load("rule: &r {kind: none}\nother: *r\n") == {"rule": {"kind": "none"}, "other": {"kind": "none"}}


def test_a_file_over_the_limit_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(SHIPPED + "#" * MAX_FILE_BYTES, encoding="utf-8")
    (found,) = problems(path)
    assert "the limit is 2097152" in found


def test_the_shipped_file_is_well_under_the_limit():
    assert len(SHIPPED.encode()) < MAX_FILE_BYTES / 4
    framework_file_read(DATA_DIR / "ita-2566.yaml")


@pytest.mark.django_db
def test_the_command_names_the_duplicate(tmp_path, capsys):
    path = tmp_path / "dup.yaml"
    path.write_text("format: prongsai.framework/1\nformat: prongsai.framework/1\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_framework", str(path))
    err = capsys.readouterr().err
    assert "dup.yaml" in err and "duplicate key" in err
