from typing import Any

from django.views.generic import TemplateView

from sdgportal.selectors import goals_with_counts


class HomeView(TemplateView):
    template_name = "sdgportal/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(goals=goals_with_counts(), **kwargs)
