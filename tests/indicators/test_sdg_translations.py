from pathlib import Path

import pytest

from indicators.sdg_translations import FrameworkError, read_sdg_framework

LANGUAGES = ["en", "ru", "kk"]


def write_translations(root: Path, lang: str, goals: str, targets: str, indicators: str) -> None:
    """The three files of a language; an empty text writes a file with no titles ("{}")."""
    folder = root / "translations" / lang
    folder.mkdir(parents=True)
    (folder / "global_goals.yml").write_text(goals or "{}\n", encoding="utf-8")
    (folder / "global_targets.yml").write_text(targets or "{}\n", encoding="utf-8")
    (folder / "global_indicators.yml").write_text(indicators or "{}\n", encoding="utf-8")


def test_reads_goals_targets_and_indicators_in_each_language(tmp_path):
    write_translations(
        tmp_path,
        "en",
        "5-short: Gender equality\n5-title: Achieve gender equality\n",
        "5-a-title: Undertake reforms to give women\n  equal rights\n",
        "5-a-1-title: Proportion of women owning land\n",
    )
    write_translations(
        tmp_path,
        "ru",
        "5-short: Гендерное равенство\n5-title: Обеспечение гендерного равенства\n",
        "5-a-title: 'Провести реформы\n\n  с целью'\n",
        "5-a-1-title: Доля женщин\n",
    )

    framework = read_sdg_framework(tmp_path, LANGUAGES)

    assert framework.languages == ["en", "ru"]
    assert framework.goals[5].short_titles == {"en": "Gender equality", "ru": "Гендерное равенство"}
    assert framework.goals[5].titles == {
        "en": "Achieve gender equality",
        "ru": "Обеспечение гендерного равенства",
    }
    assert framework.targets["5.a"].titles == {
        "en": "Undertake reforms to give women equal rights",
        "ru": "Провести реформы с целью",
    }
    assert framework.indicators["5.a.1"].titles == {
        "en": "Proportion of women owning land",
        "ru": "Доля женщин",
    }
    assert framework.problems == []


def test_accepts_the_translations_folder_itself(tmp_path):
    write_translations(tmp_path, "kk", "1-short: Кедейлікті жою\n", "", "")

    framework = read_sdg_framework(tmp_path / "translations", LANGUAGES)

    assert framework.goals[1].short_titles == {"kk": "Кедейлікті жою"}


def test_reports_keys_it_cannot_place(tmp_path):
    write_translations(
        tmp_path,
        "en",
        "18-title: No such goal\n1-colour: red\n",
        "1-1-title: End poverty\n",
        "1-1-1-title: Poverty line\n2-1-1-title: Undernourishment\n",
    )

    framework = read_sdg_framework(tmp_path, LANGUAGES)

    assert framework.problems == [
        "en/global_goals.yml: ignored key '18-title'",
        "en/global_goals.yml: ignored key '1-colour'",
        "indicator 2.1.1: its target is not in the targets file",
    ]


def test_reads_utf8_with_byte_order_mark(tmp_path):
    write_translations(tmp_path, "en", "", "", "")
    (tmp_path / "translations/en/global_goals.yml").write_bytes(
        "\ufeff3-short: Good health\n".encode()
    )

    assert read_sdg_framework(tmp_path, LANGUAGES).goals[3].short_titles == {"en": "Good health"}


def test_missing_directory_is_an_error(tmp_path):
    with pytest.raises(FrameworkError, match="is not a directory"):
        read_sdg_framework(tmp_path / "nowhere", LANGUAGES)


def test_directory_without_language_folders_is_an_error(tmp_path):
    with pytest.raises(FrameworkError, match="has none of the language folders en, ru, kk"):
        read_sdg_framework(tmp_path, LANGUAGES)


def test_missing_file_is_named(tmp_path):
    write_translations(tmp_path, "en", "", "", "")
    (tmp_path / "translations/en/global_targets.yml").unlink()

    with pytest.raises(FrameworkError, match=r"en/global_targets.yml: the file does not exist$"):
        read_sdg_framework(tmp_path, LANGUAGES)


def test_malformed_yaml_is_named(tmp_path):
    write_translations(tmp_path, "en", "1-title: [unclosed\n", "", "")

    with pytest.raises(FrameworkError, match=r"en/global_goals.yml: not valid YAML"):
        read_sdg_framework(tmp_path, LANGUAGES)


def test_binary_file_is_named(tmp_path):
    write_translations(tmp_path, "en", "", "", "")
    (tmp_path / "translations/en/global_goals.yml").write_bytes(b"\xff\xfe\x00\x81binary")

    with pytest.raises(
        FrameworkError, match=r"en/global_goals.yml: UTF-16 text, not UTF-8 \(save it as UTF-8\)$"
    ):
        read_sdg_framework(tmp_path, LANGUAGES)


def test_list_instead_of_mapping_is_named(tmp_path):
    write_translations(tmp_path, "en", "- one\n- two\n", "", "")

    with pytest.raises(
        FrameworkError, match=r"global_goals\.yml: not a mapping of names to values but a list$"
    ):
        read_sdg_framework(tmp_path, LANGUAGES)
