from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from indicators.models import GlobalIndicator, Goal, Target
from tests.indicators.test_sdg_translations import write_translations

pytestmark = pytest.mark.django_db

REAL_TRANSLATIONS = Path(settings.SDG_TRANSLATIONS_DIR)


def run(*args: object) -> str:
    out = StringIO()
    call_command("load_sdg_framework", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def sample(tmp_path):
    write_translations(
        tmp_path,
        "en",
        "16-short: Peace and justice\n16-title: Promote peaceful societies\n",
        "16-3-title: Promote the rule of law\n16-a-title: Strengthen institutions\n",
        "16-3-1-title: Victims who reported\n16-3-2-title: Unsentenced detainees\n",
    )
    write_translations(
        tmp_path, "ru", "16-short: Мир и правосудие\n", "16-3-title: Верховенство права\n", ""
    )
    return tmp_path


def test_loads_a_sample_with_titles_in_each_language(sample):
    output = run(str(sample))

    target = Target.objects.get(code="16.3")
    assert list(Target.objects.values_list("code", flat=True)) == ["16.3", "16.a"]
    assert list(GlobalIndicator.objects.values_list("code", "target__code")) == [
        ("16.3.1", "16.3"),
        ("16.3.2", "16.3"),
    ]
    assert (target.title_en, target.title_ru, target.title_kk) == (
        "Promote the rule of law",
        "Верховенство права",
        None,
    )
    assert Goal.objects.get(number=16).short_title_ru == "Мир и правосудие"
    assert "  targets                   2        0          0" in output


def test_second_run_changes_nothing(sample):
    run(str(sample))
    before = list(GlobalIndicator.objects.values("pk", "code", "target", "title_en", "title_ru"))

    output = run(str(sample))

    after = list(GlobalIndicator.objects.values("pk", "code", "target", "title_en", "title_ru"))
    assert after == before
    assert "  goals                     0        0          1" in output
    assert "  targets                   0        0          2" in output
    assert "  global indicators         0        0          2" in output


def test_changed_title_updates_only_that_record(sample):
    run(str(sample))
    (sample / "translations/en/global_targets.yml").write_text(
        "16-3-title: Promote the rule of law for all\n16-a-title: Strengthen institutions\n"
    )

    output = run(str(sample))

    assert Target.objects.get(code="16.3").title_en == "Promote the rule of law for all"
    assert "  targets                   0        1          1" in output


def test_keeps_built_in_goal_names_where_the_data_has_none(sample):
    run(str(sample))

    assert Goal.objects.get(number=5).short_title == "Gender equality"


def test_without_the_default_directory_the_goals_stay(settings, tmp_path):
    settings.SDG_TRANSLATIONS_DIR = tmp_path / "missing"

    output = run()

    assert "No SDG translations at" in output
    assert Goal.objects.count() == 17
    assert Target.objects.count() == 0


def test_an_explicit_missing_path_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="is not a directory"):
        run(str(tmp_path / "missing"))


def test_a_broken_file_loads_nothing(sample):
    (sample / "translations/ru/global_indicators.yml").write_text("16-3-1-title: [broken\n")

    with pytest.raises(CommandError, match=r"ru/global_indicators\.yml: not valid YAML"):
        run(str(sample))

    assert Target.objects.count() == 0


@pytest.mark.skipif(not REAL_TRANSLATIONS.is_dir(), reason="needs ../shared/data/sdg-translations")
def test_loads_the_real_framework_in_three_languages():
    run(str(REAL_TRANSLATIONS))

    assert Goal.objects.count() == 17
    assert Target.objects.count() == 169
    assert GlobalIndicator.objects.count() >= 230
    missing = [
        (record.code, lang)
        for model in (Target, GlobalIndicator)
        for record in model.objects.all()
        for lang in ("en", "ru", "kk")
        if not getattr(record, f"title_{lang}")
    ]
    assert missing == []
    goal = Goal.objects.get(number=5)
    assert (goal.short_title_en, goal.short_title_ru, goal.short_title_kk) == (
        "Gender equality",
        "Гендерное равенство",
        "Гендерлік теңдік",
    )
    with translation.override("kk"):
        assert Target.objects.get(code="5.a").title.startswith("Әйелдерге")
