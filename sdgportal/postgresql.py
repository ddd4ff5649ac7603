"""Migration steps for what only PostgreSQL has: GIN and trigram indexes, sorts NULLS LAST."""

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState


class PostgreSQLIndex(Operation):
    """Create the index ``name`` on the model's table as ``definition`` (what follows the
    table's name in CREATE INDEX) on PostgreSQL; on other databases do nothing.

    The index stays outside the models' state: SQLite, which remakes a table to alter it,
    would otherwise be asked to create it.
    """

    reversible = True

    def __init__(self, model_name: str, name: str, definition: str) -> None:
        self.model_name = model_name
        self.name = name
        self.definition = definition

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        pass

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            table = to_state.apps.get_model(app_label, self.model_name)._meta.db_table
            schema_editor.execute(f"CREATE INDEX {self.name} ON {table} {self.definition}")

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {self.name}")

    def describe(self) -> str:
        return f"Create index {self.name} on {self.model_name} (PostgreSQL only)"

    def deconstruct(self) -> tuple[str, list, dict]:
        return (self.__class__.__name__, [self.model_name, self.name, self.definition], {})


def search_indexes(model_name: str, table: str) -> list[PostgreSQLIndex]:
    """A GIN index of the stored search document and a trigram index of the name key."""
    return [
        PostgreSQLIndex(model_name, f"{table}_search_document", "USING gin (search_document)"),
        PostgreSQLIndex(
            model_name, f"{table}_search_names", "USING gin (search_names gin_trgm_ops)"
        ),
    ]
