"""The load benchmark's options, its choice of search words and its table (wrk not run)."""

import pytest

from bench.load import (
    Endpoint,
    Row,
    chosen,
    common_word,
    common_words,
    format_memory,
    format_table,
    main,
    parse_options,
    transliteration_variant,
)
from bench.serve import empty_redis, server_environment
from bench.wrk import WrkResult
from sdgportal.search_keys import search_key


def test_parse_options_defaults():
    options = parse_options([])

    assert vars(options) == {
        "postgres": "postgres://postgres@127.0.0.1:5432",
        "database": "sdgportal_bench",
        "reuse": False,
        "scale": 1.0,
        "seed": 1,
        "real_data": False,
        "duration": 15,
        "connections": 16,
        "threads": 2,
        "workers": 2,
        "redis": "redis://127.0.0.1:6379/15",
        "only": [],
    }


def test_parse_options_reads_each_option():
    options = parse_options(
        [
            "--scale",
            "0.01",
            "--seed",
            "7",
            "--duration",
            "5",
            "--reuse",
            "--database",
            "bench_small",
            "--workers",
            "4",
            "--redis",
            "none",
            "--only",
            "API",
            "--only",
            "home",
        ]
    )

    assert (
        options.scale,
        options.seed,
        options.duration,
        options.reuse,
        options.database,
        options.workers,
        options.redis,
        options.only,
    ) == (0.01, 7, 5, True, "bench_small", 4, "none", ["API", "home"])


def test_chosen_keeps_the_trivial_endpoint_and_the_named_ones():
    endpoints = [
        Endpoint("trivial /healthz", "/healthz"),
        Endpoint("API events, 50, uncached", "/api/v1/events/"),
        Endpoint("home page, cached", "/"),
        Endpoint("event list page, uncached", "/events/"),
    ]

    assert chosen(endpoints, ["API", "home"]) == endpoints[:3]
    assert chosen(endpoints, []) == endpoints


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("--duration 0", "--duration must be 1 or more"),
        ("--scale 0", "--scale must be more than 0"),
        ("--threads 4 --connections 2", "--threads must not exceed --connections"),
        ("--scale many", "invalid float value: 'many'"),
        ("--database bench;drop", "--database must be lower-case letters, digits and _"),
    ],
)
def test_parse_options_refuses_bad_values(arguments, message, capsys):
    with pytest.raises(SystemExit) as exit:
        parse_options(arguments.split())

    assert (exit.value.code, message in capsys.readouterr().err) == (2, True)


def test_common_word_is_the_long_word_in_most_titles():
    titles = ["Civic Forum on water", "Forum of the forum", "Water week", "Youth forum"]

    assert common_word(titles) == "forum"


def test_common_word_breaks_ties_alphabetically_and_counts_cyrillic():
    assert common_word(["Форум воды", "форум", "water water"]) == "форум"


def test_common_words_are_the_most_found_first_and_no_more_than_asked():
    texts = ["Civic Forum on water", "Forum of the forum", "Water week", "Youth forum"]

    assert common_words(texts, 3) == ["forum", "water", "civic"]
    assert common_words(texts, 10) == ["forum", "water", "civic", "youth"]


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        ("Нурсултан Назарбаев", "Nursultan Nazarbaev"),
        ("Zhanna Kassymova", "Jana Kasimova"),
        ("Lyazyat Askarova", "Liaziat Askarova"),
        ("Anar Rakhimbayeva", "Anar Rahimbaieva"),
    ],
)
def test_transliteration_variant_is_another_spelling_the_search_matches(name, variant):
    assert (transliteration_variant(name), search_key(variant)) == (variant, search_key(name))


def result(requests_per_second, p50, p99, errors=0):
    return WrkResult(100, requests_per_second, p50, p99, errors)


def test_format_table_gives_the_ratio_to_the_trivial_endpoints_mean_and_names_a_stall():
    rows = [
        Row(Endpoint("trivial", "/healthz"), result(2100.0, 4.0, 9.5), memory_mib=110.25),
        Row(
            Endpoint("API events", "/api/v1/events/"),
            result(50.0, 300.0, 1020.0, errors=3),
            memory_mib=121.0,
        ),
        Row(Endpoint("conditional", "/api/v1/events/", conditional=True), note="no ETag"),
        Row(Endpoint("trivial again", "/healthz"), result(1900.0, 4.5, 10.25)),
        Row(Endpoint("stalled", "/"), WrkResult(0, 0.0, 0.0, 0.0, 0)),
    ]

    assert format_table(rows).splitlines() == [
        "endpoint          req/s    p50 ms    p99 ms   errors  vs trivial  worker MiB",
        "trivial          2100.0      4.00      9.50        0       1.050       110.2",
        "API events         50.0    300.00   1020.00        3       0.025       121.0",
        "conditional    no ETag",
        "trivial again    1900.0      4.50     10.25        0       0.950",
        "stalled        no answer within the duration",
    ]


def test_format_memory_names_a_restarted_worker():
    assert format_memory({11: 100.0, 12: 101.5}, {11: 103.25, 13: 90.0}).splitlines() == [
        "gunicorn worker   start MiB    end MiB",
        "pid 11                100.0      103.2",
        "pid 12                101.5          –",
        "pid 13                    –       90.0",
        "(workers changed during the run: one was restarted)",
    ]


def test_main_says_how_to_install_a_missing_wrk(monkeypatch):
    monkeypatch.setattr("bench.load.shutil.which", lambda name: None)

    with pytest.raises(SystemExit) as exit:
        main(["--duration", "1"])

    assert exit.value.code == "wrk is not installed: on Debian or Ubuntu, apt-get install -y wrk"


def test_server_environment_caches_in_redis_only_when_given_one(monkeypatch, tmp_path):
    monkeypatch.setenv("REDIS_URL", "redis://elsewhere:6379/0")
    database = "postgres://postgres@127.0.0.1:5432/bench"

    given = server_environment(
        database_url=database, static_root=tmp_path, redis_url="redis://127.0.0.1:6379/15"
    )
    none = server_environment(database_url=database, static_root=tmp_path, redis_url=None)

    assert given["REDIS_URL"] == "redis://127.0.0.1:6379/15"
    assert "REDIS_URL" not in none


def test_empty_redis_says_when_no_redis_answers():
    assert empty_redis("redis://127.0.0.1:1/15") is False
