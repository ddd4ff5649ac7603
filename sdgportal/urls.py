from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from sdgportal import api, views
from sdgportal.sitemaps import SITEMAPS

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/", views.switch_language, name="switch-language"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("healthz", views.health, name="health"),
    path("readyz", views.ready, name="ready"),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api.urlpatterns, "api"))),
]
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("events/", include("events.urls")),
    path("", include("organisations.urls")),
    path("", include("indicators.urls")),
    prefix_default_language=False,
)
