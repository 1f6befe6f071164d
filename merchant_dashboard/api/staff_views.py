"""The shop's team: members with their roles, invitations by e-mail. The rules live in
saas.accounts.staff; these views validate, call one service and answer."""
from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from merchant_dashboard.selectors import staff_list
from saas.accounts import staff, tasks
from saas.accounts.api.serializers import UserSerializer
from saas.accounts.models import INVITABLE_ROLE_CHOICES, StaffInvitation
from saas.accounts.roles import Area
from saas.kernel.api import StaffAPIView
from saas.kernel.errors import NotFound
from saas.kernel.pagination import PageNumberPagination
from saas.kernel.tenancy import on_commit_here
from storefront.api.views import paginated


class InvitationInSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=INVITABLE_ROLE_CHOICES)


class RoleInSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=INVITABLE_ROLE_CHOICES)


class InvitationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    invited_by = serializers.SerializerMethodField()

    class Meta:
        model = StaffInvitation
        fields = ["id", "email", "role", "state", "invited_by", "created_at", "expires_at"]
        read_only_fields = fields

    def get_invited_by(self, invitation) -> str:
        return invitation.invited_by.email if invitation.invited_by else ""


class StaffListView(StaffAPIView):
    dashboard_area = Area.STAFF
    pagination_class = PageNumberPagination

    @extend_schema(responses={200: UserSerializer(many=True)})
    def get(self, request):
        return paginated(self, request, staff_list(), UserSerializer)


class StaffInvitationsView(StaffAPIView):
    dashboard_area = Area.STAFF

    @extend_schema(responses={200: InvitationSerializer(many=True)})
    def get(self, request):
        pending = StaffInvitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True) \
            .select_related("invited_by")[:100]
        return Response(InvitationSerializer(pending, many=True).data)

    @extend_schema(request=InvitationInSerializer, responses={201: InvitationSerializer})
    def post(self, request):
        data = InvitationInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            invitation, token = staff.staff_invite(actor=request.user, **data.validated_data)
            link = staff.invitation_link(token)
            on_commit_here(lambda: tasks.send_staff_invitation_email.delay(invitation.pk, link))
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


class StaffInvitationView(StaffAPIView):
    dashboard_area = Area.STAFF

    @extend_schema(responses={204: None})
    def delete(self, request, invitation_id: int):
        invitation = StaffInvitation.objects.filter(pk=invitation_id).first()
        if invitation is None:
            raise NotFound("No such invitation.")
        staff.staff_invitation_revoke(actor=request.user, invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffMemberView(StaffAPIView):
    dashboard_area = Area.STAFF

    @extend_schema(request=RoleInSerializer, responses={200: UserSerializer})
    def patch(self, request, member_id: int):
        data = RoleInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = staff.staff_role_change(actor=request.user, member_id=member_id, role=data.validated_data["role"])
        return Response(UserSerializer(member).data)

    @extend_schema(responses={204: None})
    def delete(self, request, member_id: int):
        staff.staff_remove(actor=request.user, member_id=member_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
