"""API representation of source documents and their articles."""

from rest_framework import serializers

from sdgportal.models import Article, SourceDocument


class ArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["position", "title", "published_on", "url"]


class SourceDocumentSerializer(serializers.ModelSerializer):
    articles = ArticleSerializer(many=True, read_only=True)

    class Meta:
        model = SourceDocument
        fields = ["name", "kind", "title", "url", "sha256", "imported_at", "articles"]
