"""The platform admin edits the plans (root domain)."""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from saas.kernel.api import PlatformAdminAPIView
from tenants.api.serializers import PlanSerializer
from tenants.models import Plan
from tenants.plans import plan_create, plan_update


class AdminPlansView(PlatformAdminAPIView):
    @extend_schema(responses={200: PlanSerializer(many=True)})
    def get(self, request):
        return Response(PlanSerializer(Plan.objects.all(), many=True).data)

    @extend_schema(request=PlanSerializer, responses={201: PlanSerializer})
    def post(self, request):
        data = PlanSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        plan = plan_create(code=fields.pop("code"), **fields)
        return Response(PlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class AdminPlanView(PlatformAdminAPIView):
    @extend_schema(request=PlanSerializer, responses={200: PlanSerializer})
    def patch(self, request, plan_id: int):
        plan = get_object_or_404(Plan, pk=plan_id)
        data = PlanSerializer(plan, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if k != "code"}
        return Response(PlanSerializer(plan_update(plan=plan, **fields)).data)
