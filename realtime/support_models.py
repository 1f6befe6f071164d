"""Support chat: a conversation between one shopper (signed in, or a guest known by e-mail)
and the shop's staff, and its messages, numbered 1, 2, 3... within the conversation.

A message is a row before it is a socket frame: the number is what a reconnecting client
names to get what it missed (`realtime.support_selectors.messages_after`)."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class ConversationStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Side(models.TextChoices):
    SHOPPER = "shopper", "Shopper"
    STAFF = "staff", "Staff"


class Conversation(models.Model):
    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="support_conversations")
    email = models.EmailField()
    name = models.CharField(max_length=120)
    subject = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.OPEN)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    # sha256 of a guest's secret (the browser keeps the secret; a stolen table gives no access)
    guest_secret_hash = models.CharField(max_length=64, blank=True)
    last_seq = models.PositiveIntegerField(default=0)
    shopper_read_seq = models.PositiveIntegerField(default=0)
    staff_read_seq = models.PositiveIntegerField(default=0)
    shopper_unread = models.PositiveIntegerField(default=0)
    staff_unread = models.PositiveIntegerField(default=0)
    # the shopper wrote while no staff member was online: the next answer also goes by e-mail
    reply_by_email = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [models.Index(fields=["status", "-last_activity_at"], name="support_conv_status_idx"),
                   models.Index(fields=["shopper", "-last_activity_at"], name="support_conv_shopper_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    @property
    def is_guest(self) -> bool:
        return self.shopper_id is None


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()
    side = models.CharField(max_length=10, choices=Side.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    author_name = models.CharField(max_length=120)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)  # when the other side read it

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [models.UniqueConstraint(fields=["conversation", "seq"], name="support_message_seq_unique")]

    def __str__(self) -> str:
        return f"{self.conversation_id}#{self.seq}"
