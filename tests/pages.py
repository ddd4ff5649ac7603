"""Reading what a list page shows: its filter form's state, errors and page links."""

import re


def form_state(response) -> dict[str, str]:
    """What the filter form shows as chosen: selected options and filled-in fields by name."""
    form = re.search(r'<form class="filters".*?</form>', response.text, re.S).group(0)
    chosen = {}
    for name, options in re.findall(r'<select [^>]*name="(\w+)">(.*?)</select>', form, re.S):
        if selected := re.findall(r'value="([^"]*)" selected', options):
            chosen[name] = ",".join(selected)
    for name, value in re.findall(r'<input [^>]*name="(\w+)" value="([^"]*)"', form):
        if value:
            chosen[name] = value
    return chosen


def form_errors(response) -> list[str]:
    """The reasons the filter form gives for refusing a filter, as "field: reason"."""
    block = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', response.text, re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(1)) if block else []


def page_links(response) -> list[str]:
    """The addresses in the pagination bar."""
    nav = re.search(r'<nav class="pagination".*?</nav>', response.text, re.S).group(0)
    return re.findall(r'href="([^"]*)"', nav)
