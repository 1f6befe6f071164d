"""The merchant's Recommendations panel (staff only)."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from recs import panel
from recs.api.serializers import PanelOutSerializer, SettingsInSerializer, TrainingSerializer
from recs.models import ModelVersion
from recs.services import settings_update
from recs.training import training_queue
from saas.accounts.roles import Area
from saas.kernel.api import StaffAPIView
from saas.kernel.errors import AppError, ErrorCode, NotFound
from tenants import limits


class PanelView(StaffAPIView):
    dashboard_area = Area.RECS

    @extend_schema(parameters=[OpenApiParameter("days", int, required=False, description="Window, 1-90 days.")],
                   responses={200: PanelOutSerializer})
    def get(self, request):
        raw = request.query_params.get("days", "30")
        if not raw.isdigit() or not 1 <= int(raw) <= 90:
            raise AppError(ErrorCode.VALIDATION_ERROR, "days is 1 to 90.", fields={"days": ["Use 1 to 90."]})
        limits.recommendations_check(request.shop)
        return Response(PanelOutSerializer(panel.panel(days=int(raw))).data)


class SettingsView(StaffAPIView):
    dashboard_area = Area.RECS

    @extend_schema(request=SettingsInSerializer, responses={200: SettingsInSerializer})
    def put(self, request):
        data = SettingsInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = settings_update(holdout_share=data.validated_data["holdout_share"])
        return Response(SettingsInSerializer({"holdout_share": row.holdout_share}).data)


class TrainView(StaffAPIView):
    dashboard_area = Area.RECS

    @extend_schema(request=None, responses={202: TrainingSerializer})
    def post(self, request):
        limits.recommendations_check(request.shop)
        version = training_queue(trigger="manual")
        assert version is not None
        return Response(TrainingSerializer(panel.version_out(version)).data, status=status.HTTP_202_ACCEPTED)


class TrainingStatusView(StaffAPIView):
    dashboard_area = Area.RECS

    @extend_schema(responses={200: TrainingSerializer})
    def get(self, request, version_id: int):
        version = ModelVersion.objects.defer("data").filter(pk=version_id).first()
        if version is None:
            raise NotFound("No such training run.")
        return Response(TrainingSerializer(panel.version_out(version)).data)


class VersionsView(StaffAPIView):
    dashboard_area = Area.RECS

    @extend_schema(responses={200: TrainingSerializer(many=True)})
    def get(self, request):
        return Response(TrainingSerializer([panel.version_out(v) for v in ModelVersion.objects.defer("data")[:20]],
                                           many=True).data)

