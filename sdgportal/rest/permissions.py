"""Who may do what through the API: everyone reads, staff with the model permission write."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly
from rest_framework.request import Request


class StaffWriteOthersRead(DjangoModelPermissionsOrAnonReadOnly):
    """Reads are open; a write needs a staff account holding the model's add/change/delete."""

    def has_permission(self, request: Request, view: object) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_staff) and super().has_permission(
            request, view
        )
