"""What the support API answers (the same shapes the socket pushes) and what it takes."""
from rest_framework import serializers

from realtime.support import MAX_BODY, MAX_SUBJECT


class MessageOut(serializers.Serializer):
    id = serializers.IntegerField()
    conversation = serializers.IntegerField()
    seq = serializers.IntegerField()
    side = serializers.ChoiceField(choices=["shopper", "staff"])
    author_name = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class LastMessageOut(serializers.Serializer):
    side = serializers.CharField()
    body = serializers.CharField()


class ConversationOut(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    status = serializers.ChoiceField(choices=["open", "closed"])
    name = serializers.CharField()
    email = serializers.EmailField()
    is_guest = serializers.BooleanField()
    assignee = serializers.IntegerField(allow_null=True)
    last_seq = serializers.IntegerField()
    shopper_read_seq = serializers.IntegerField()
    staff_read_seq = serializers.IntegerField()
    shopper_unread = serializers.IntegerField()
    staff_unread = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    last_activity_at = serializers.DateTimeField()
    last_message = LastMessageOut(allow_null=True)


class ConversationDetailOut(serializers.Serializer):
    conversation = ConversationOut()
    messages = MessageOut(many=True)


class ConversationOpenedOut(ConversationDetailOut):
    guest_token = serializers.CharField(allow_null=True)


class ConversationOpenIn(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, trim_whitespace=True)
    subject = serializers.CharField(max_length=MAX_SUBJECT, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)


class MessageIn(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, trim_whitespace=True)


class ReadIn(serializers.Serializer):
    seq = serializers.IntegerField(min_value=0)


class AssignIn(serializers.Serializer):
    assignee = serializers.IntegerField(allow_null=True)


class TicketOut(serializers.Serializer):
    ticket = serializers.CharField()
    expires_in = serializers.IntegerField()
    url = serializers.CharField()


class ExpectationOut(serializers.Serializer):
    staff_online = serializers.BooleanField()
    reply_within_hours = serializers.IntegerField(allow_null=True)
    text = serializers.CharField()


class ResumeIn(serializers.Serializer):
    conversation = serializers.IntegerField()
    key = serializers.CharField(max_length=500)


class ResumeOut(serializers.Serializer):
    conversation = serializers.IntegerField()
    guest_token = serializers.CharField(allow_null=True)
    sign_in_required = serializers.BooleanField()


class StaffMemberOut(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.CharField()
