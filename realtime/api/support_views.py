"""Support chat over HTTP: the shopper's (or guest's) side under /api/support/, the staff
inbox under /api/dashboard/support/. The socket carries the same operations live; these are
what the widget uses to open a conversation, load history and get its socket ticket."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from realtime import support, support_selectors
from realtime.api import support_serializers as s
from realtime.support_emails import conversation_from_link
from realtime.support_models import Conversation, Side
from realtime.support_presence import TICKET_TTL_SECONDS, reply_expectation, support_ticket_issue
from saas.accounts.roles import Area
from saas.kernel.api import Access, ShopAPIView, StaffAPIView
from saas.kernel.errors import AppError
from saas.kernel.pagination import PageNumberPagination
from saas.kernel.tenancy import current_schema

GUEST_HEADER = "HTTP_X_SUPPORT_TOKEN"
AFTER = OpenApiParameter("after", int, description="only messages numbered after this (a reconnect's replay)")


def _not_found() -> AppError:
    return AppError(support.SupportErrorCode.NOT_FOUND, "No such conversation.", status_code=404)


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _after(request) -> int:
    raw = request.query_params.get("after", "0")
    return int(raw) if raw.isdigit() else 0


def _detail(conv: Conversation, after: int = 0) -> dict:
    return {"conversation": support.conversation_payload(conv),
            "messages": [support.message_payload(m) for m in support_selectors.messages_after(conversation=conv,
                                                                                               after=after)]}


def _signed_in(request) -> bool:
    return bool(request.user and request.user.is_authenticated)


class OpenThrottle(AnonRateThrottle):
    """Guests opening conversations (or following e-mail links), per client address."""

    scope = "support_open"
    rate = "30/hour"

    def allow_request(self, request, view) -> bool:
        return request.method != "POST" or _signed_in(request) or super().allow_request(request, view)


class ShopperSupportView(ShopAPIView):
    """Open to guests: a signed-in shopper is known by the JWT, a guest by the X-Support-Token
    its browser got when it opened the conversation. Either sees only its own."""

    access = Access.PUBLIC_TOKEN_OPTIONAL

    def shopper_conversation(self, request, pk: int) -> Conversation:
        if _signed_in(request):
            conv = support_selectors.conversation_of_shopper(user=request.user, conversation_id=pk)
        elif request.META.get(GUEST_HEADER):
            conv = support.guest_conversation(request.META[GUEST_HEADER])
            conv = conv if conv is not None and conv.pk == pk else None
        else:
            raise NotAuthenticated()
        if conv is None:
            raise _not_found()
        return conv


class ExpectationView(ShopAPIView):
    access = Access.PUBLIC_NO_TOKEN

    @extend_schema(responses=s.ExpectationOut)
    def get(self, request):
        return Response(reply_expectation(current_schema()))


class ShopperConversationsView(ShopperSupportView):
    throttle_classes = [OpenThrottle]

    @extend_schema(responses=s.ConversationOut(many=True))
    def get(self, request):
        if not _signed_in(request):
            raise NotAuthenticated()
        qs = support_selectors.conversations_of_shopper(user=request.user)[:50]
        return Response([support.conversation_payload(c) for c in qs])

    @extend_schema(request=s.ConversationOpenIn, responses={201: s.ConversationOpenedOut})
    def post(self, request):
        data = _valid(s.ConversationOpenIn, request.data)
        shopper = request.user if _signed_in(request) else None
        conv, _, token = support.conversation_open(shopper=shopper, **data)
        return Response({**_detail(conv), "guest_token": token}, status=status.HTTP_201_CREATED)


class ShopperConversationView(ShopperSupportView):
    @extend_schema(parameters=[AFTER], responses=s.ConversationDetailOut)
    def get(self, request, pk: int):
        return Response(_detail(self.shopper_conversation(request, pk), _after(request)))


class ShopperMessagesView(ShopperSupportView):
    @extend_schema(request=s.MessageIn, responses={201: s.MessageOut})
    def post(self, request, pk: int):
        conv = self.shopper_conversation(request, pk)
        data = _valid(s.MessageIn, request.data)
        author = request.user if _signed_in(request) else None
        message = support.message_post(conversation=conv, side=Side.SHOPPER, author=author, body=data["body"])
        return Response(support.message_payload(message), status=status.HTTP_201_CREATED)


class ShopperReadView(ShopperSupportView):
    @extend_schema(request=s.ReadIn, responses=s.ConversationOut)
    def post(self, request, pk: int):
        conv = self.shopper_conversation(request, pk)
        support.conversation_read(conversation=conv, side=Side.SHOPPER, upto_seq=_valid(s.ReadIn, request.data)["seq"])
        return Response(support.conversation_payload(conv))


class ShopperTicketView(ShopperSupportView):
    @extend_schema(request=None, responses={201: s.TicketOut})
    def post(self, request):
        if _signed_in(request):
            ticket = support_ticket_issue(user=request.user)
        elif request.META.get(GUEST_HEADER):
            conv = support.guest_conversation(request.META[GUEST_HEADER])
            if conv is None:
                raise _not_found()
            ticket = support_ticket_issue(conversation_id=conv.pk)
        else:
            raise NotAuthenticated()
        return Response({"ticket": ticket, "expires_in": TICKET_TTL_SECONDS, "url": f"/ws/support/?ticket={ticket}"},
                        status=status.HTTP_201_CREATED)


class ResumeView(ShopAPIView):
    """The e-mail's link back: a guest's browser gets a fresh secret for that conversation; a
    signed-in shopper's conversation just needs them to sign in."""

    access = Access.PUBLIC_NO_TOKEN
    throttle_classes = [OpenThrottle]

    @extend_schema(request=s.ResumeIn, responses=s.ResumeOut)
    def post(self, request):
        data = _valid(s.ResumeIn, request.data)
        conv = conversation_from_link(conversation_id=data["conversation"], key=data["key"])
        if conv is None:
            raise AppError(support.SupportErrorCode.LINK_INVALID,
                           "This link is not valid (any more).", status_code=404)
        token = support.guest_token_for(conv) if conv.is_guest else None
        return Response({"conversation": conv.pk, "guest_token": token, "sign_in_required": not conv.is_guest})


class InboxView(StaffAPIView):
    dashboard_area = Area.SUPPORT

    def staff_conversation(self, pk: int) -> Conversation:
        conv = support_selectors.conversation_get(conversation_id=pk)
        if conv is None:
            raise _not_found()
        return conv


class InboxListView(InboxView):
    pagination_class = PageNumberPagination
    @extend_schema(parameters=[OpenApiParameter("status", str, enum=["open", "closed"]),
                               OpenApiParameter("assigned", str, enum=["me", "none"])],
                   responses=s.ConversationOut(many=True))
    def get(self, request):
        assigned = request.query_params.get("assigned", "")
        qs = support_selectors.conversations_for_staff(
            status=request.query_params.get("status", ""), assignee=request.user if assigned == "me" else None,
            unassigned=assigned == "none")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response([support.conversation_payload(c) for c in page or []])


class InboxConversationView(InboxView):
    @extend_schema(parameters=[AFTER], responses=s.ConversationDetailOut)
    def get(self, request, pk: int):
        return Response(_detail(self.staff_conversation(pk), _after(request)))


class InboxMessagesView(InboxView):
    @extend_schema(request=s.MessageIn, responses={201: s.MessageOut})
    def post(self, request, pk: int):
        conv = self.staff_conversation(pk)
        body = _valid(s.MessageIn, request.data)["body"]
        message = support.message_post(conversation=conv, side=Side.STAFF, author=request.user, body=body)
        return Response(support.message_payload(message), status=status.HTTP_201_CREATED)


class InboxAssignView(InboxView):
    @extend_schema(request=s.AssignIn, responses=s.ConversationOut)
    def post(self, request, pk: int):
        from saas.accounts.models import User

        conv = self.staff_conversation(pk)
        assignee_id = _valid(s.AssignIn, request.data)["assignee"]
        assignee = None
        if assignee_id is not None:
            assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
            if assignee is None:
                raise AppError(support.SupportErrorCode.ASSIGNEE_INVALID, "No such staff member.",
                               fields={"assignee": ["No such staff member."]})
        support.conversation_assign(conversation=conv, assignee=assignee, by=request.user)
        return Response(support.conversation_payload(conv))


class InboxCloseView(InboxView):
    @extend_schema(request=None, responses=s.ConversationOut)
    def post(self, request, pk: int):
        conv = support.conversation_close(conversation=self.staff_conversation(pk), by=request.user)
        return Response(support.conversation_payload(conv))


class InboxReadView(InboxView):
    @extend_schema(request=s.ReadIn, responses=s.ConversationOut)
    def post(self, request, pk: int):
        conv = self.staff_conversation(pk)
        support.conversation_read(conversation=conv, side=Side.STAFF, upto_seq=_valid(s.ReadIn, request.data)["seq"])
        return Response(support.conversation_payload(conv))


class InboxStaffView(InboxView):
    @extend_schema(responses=s.StaffMemberOut(many=True))
    def get(self, request):
        from saas.accounts.models import STAFF_ROLES, User

        people = [u for u in User.objects.filter(role__in=STAFF_ROLES, is_active=True).order_by("email")
                  if support.may_staff(u)]
        return Response([{"id": u.pk, "email": u.email, "full_name": u.full_name, "role": u.role} for u in people])


class InboxTicketView(InboxView):
    @extend_schema(request=None, responses={201: s.TicketOut})
    def post(self, request):
        ticket = support_ticket_issue(user=request.user)
        return Response({"ticket": ticket, "expires_in": TICKET_TTL_SECONDS, "url": f"/ws/support/?ticket={ticket}"},
                        status=status.HTTP_201_CREATED)
