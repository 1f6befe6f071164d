"""One error type for the application and one JSON shape for every error the API returns:

    {"error": {"code": "...", "message": "...", "fields": {"field": ["..."]}}}
"""
from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


class ErrorCode(StrEnum):
    """Codes any app may answer with. Each app's own codes are a StrEnum in its `errors.py`
    (as Saleor's OrderErrorCode); the JSON carries the value."""

    VALIDATION_ERROR = "validation_error"
    NOT_FOUND = "not_found"
    BODY_TOO_LARGE = "body_too_large"
    BAD_REQUEST = "bad_request"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    SERVER_ERROR = "server_error"


class ProviderCode(str):
    """A code relayed as it came from an outside provider (a card network's decline code such
    as `insufficient_funds`): the one kind of code that is not ours to enumerate."""


class AppError(Exception):
    """A failure a caller can act on, raised by services and mapped to a 4xx response."""

    status_code: int = status.HTTP_400_BAD_REQUEST

    def __init__(self, code: StrEnum | ProviderCode, message: str, *, fields: dict[str, list[str]] | None = None,
                 status_code: int | None = None) -> None:
        super().__init__(message)
        self.code = str(code)
        self.message = message
        self.fields = fields or {}
        if status_code is not None:
            self.status_code = status_code


class NotFound(AppError):
    """The one way to say "no such thing": every lookup that misses raises this (Django's
    Http404 and DRF's NotFound are answered the same way)."""

    status_code = status.HTTP_404_NOT_FOUND

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(ErrorCode.NOT_FOUND, message)


T = TypeVar("T")


def found(obj: T | None, message: str = "Not found.") -> T:
    """`obj`, or NotFound when the lookup that produced it missed."""
    if obj is None:
        raise NotFound(message)
    return obj


def get_or_not_found(queryset: Any, message: str = "Not found.", **lookup: Any) -> Any:
    """The first row of `queryset` (a model or a queryset) matching `lookup`, or NotFound."""
    manager = getattr(queryset, "_default_manager", queryset)
    return found(manager.filter(**lookup).first(), message)


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": str(code), "message": message, "fields": fields or {}}}


def json_error(code: str, message: str, status_code: int, fields: dict[str, Any] | None = None) -> JsonResponse:
    return JsonResponse(error_body(code, message, fields), status=status_code)


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub_key, sub_value in _flatten(value).items():
                    out[f"{key}.{sub_key}"] = sub_value
            elif isinstance(value, list):
                msgs: list[str] = []
                for item in value:
                    if isinstance(item, dict):
                        for sub_key, sub_value in _flatten(item).items():
                            out[f"{key}.{sub_key}"] = sub_value
                    else:
                        msgs.append(str(item))
                if msgs:
                    out[str(key)] = msgs
            else:
                out[str(key)] = [str(value)]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [str(d) for d in detail]}
    return {"non_field_errors": [str(detail)]}


def _leaf_codes(codes: Any) -> list[str]:
    if isinstance(codes, dict):
        return [c for value in codes.values() for c in _leaf_codes(value)]
    if isinstance(codes, list):
        return [c for value in codes for c in _leaf_codes(value)]
    return [str(codes)]


def _one_app_code(exc: exceptions.ValidationError) -> str | None:
    """A serializer may raise a field error with an application code (`email_taken`); when
    every error of the answer carries that one code, the answer says it, as the service would."""
    codes = set(_leaf_codes(exc.get_codes()))
    if len(codes) != 1:
        return None
    code = codes.pop()
    return code if code in APP_FIELD_CODES else None


APP_FIELD_CODES: set[str] = set()


def app_field_codes(*codes: StrEnum) -> None:
    """Lets an app name the codes its serializers give field errors (kept out of the kernel's imports)."""
    APP_FIELD_CODES.update(str(c) for c in codes)


_CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ParseError: "malformed_request",
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, AppError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status_code)
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body(ErrorCode.BODY_TOO_LARGE, "The request body is too large."),
                        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(error_body(ErrorCode.VALIDATION_ERROR, "Some fields are not valid.", fields), status=400)
    if isinstance(exc, exceptions.NotFound):
        return exception_handler(NotFound(str(exc.detail)), context)
    if isinstance(exc, Http404):
        return exception_handler(NotFound(), context)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        message = "Some fields are not valid."
        if list(fields) == ["non_field_errors"]:
            message = fields["non_field_errors"][0]
        response.data = error_body(_one_app_code(exc) or ErrorCode.VALIDATION_ERROR, message, fields)
        return response
    code = next((c for klass, c in _CODES.items() if isinstance(exc, klass)), None)
    detail = getattr(exc, "detail", "")
    if isinstance(detail, dict):
        message = str(detail.get("detail", "")) or str(exc)
        code = code or str(detail.get("code", "error"))
    else:
        message = str(detail) or str(exc)
        code = code or getattr(detail, "code", None) or "error"
    if isinstance(exc, exceptions.ParseError) and "JSON" in message:
        code = "malformed_json"
    response.data = error_body(code, message)
    return response


class JsonErrorMiddleware:
    """Errors raised outside DRF (404 for an unknown /api/ path, oversized bodies) answer in JSON too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BYTES:  # refused before a byte of it is read
            return json_error(ErrorCode.BODY_TOO_LARGE, "The request body is too large.", 413)
        if "\x00" in request.path or any("\x00" in v for values in request.GET.lists() for v in values[1]):
            return json_error(ErrorCode.BAD_REQUEST, "The address may not contain NUL characters.", 400)
        response = self.get_response(request)
        if request.path.startswith("/api") and response.status_code in (404, 405) and \
                not response.get("Content-Type", "").startswith("application/json"):
            if response.status_code == 404:
                return json_error(ErrorCode.NOT_FOUND, not_found_message(request), 404)
            return json_error(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed.", 405)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return json_error(ErrorCode.BODY_TOO_LARGE, "The request body is too large.", 413)
        return None


def not_found_message(request) -> str:
    from django.urls import Resolver404, resolve

    if not request.path.endswith("/"):
        try:
            resolve(request.path + "/", getattr(request, "urlconf", None))
            return f"No such endpoint. Did you mean {request.path}/ (with the trailing slash)?"
        except Resolver404:
            pass
    return "Not found."


def handler404(request, exception=None):
    return json_error(ErrorCode.NOT_FOUND, not_found_message(request), 404)


def handler500(request):
    logger.error("unhandled error on %s", request.path)
    return json_error(ErrorCode.SERVER_ERROR, "Something went wrong on our side.", 500)
