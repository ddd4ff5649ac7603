"""``/healthz``: a trivial answer, without the database, for probes and the benchmark."""


def test_health_answers_ok_without_the_database(client):
    # No django_db mark: pytest-django fails any test that touches the database.
    response = client.get("/healthz")

    assert (response.status_code, response["Content-Type"], response.json()) == (
        200,
        "application/json",
        {"status": "ok"},
    )
