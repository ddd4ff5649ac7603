"""Django's Redis cache, keeping one redis-py client per connection pool.

Django makes a new client for every cache operation, and each new client builds redis-py's
table of response callbacks again: some 170 entries, several times a page. A client is safe to
share between threads (its pool hands out the connections), so one per pool serves them all.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ClientKeepingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: str | None = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class PortalRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache``, with one client per connection pool."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ClientKeepingRedisCacheClient
