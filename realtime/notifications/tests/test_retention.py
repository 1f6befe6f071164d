"""The retention rule: old notifications and feed items go, in batches, per shop; each person
keeps everything after one number (their floor, recorded before the delete); what a promotion
reached and opened survives the pruning of its notifications."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from realtime.notifications import retention, tasks
from realtime.notifications.models import FeedArea, FeedItem, Kind, Notification, Promotion, RecipientSequence
from realtime.notifications.promotions import promotion_deliver
from realtime.notifications.selectors import notification_pruned_through, notifications_replay
from realtime.notifications.services import Draft, feed_item_create, notifications_create
from saas.kernel.tenancy import current_schema

pytestmark = pytest.mark.django_db


def stored(user_id: int, count: int, *, days_old: int = 0) -> None:
    for i in range(count):
        notifications_create(user_ids=[user_id], draft=Draft(kind=Kind.PROMOTION, title=f"n{i}"))
    if days_old:
        newest = Notification.objects.filter(recipient_id=user_id).order_by("-seq")[:count]
        Notification.objects.filter(pk__in=[n.pk for n in newest]).update(
            created_at=timezone.now() - timedelta(days=days_old))


def seqs(user_id: int) -> list[int]:
    return list(Notification.objects.filter(recipient_id=user_id).order_by("seq").values_list("seq", flat=True))


def test_old_ones_and_those_past_the_cap_go_oldest_first_and_the_floor_is_recorded(world):
    with schema_context(world.shop_a.schema_name):
        me, other = world.customer_a.pk, world.owner_a.pk
        stored(me, 4, days_old=200)  # 1-4: older than the 180 days
        stored(me, 8)  # 5-12: recent, but only the newest 6 are kept
        stored(other, 3)
        rows, recipients = retention.notifications_prune(days=180, keep=6, batch=2)
        assert (rows, recipients) == (6, 1)
        assert seqs(me) == [7, 8, 9, 10, 11, 12]
        assert notification_pruned_through(user_id=me) == 6
        assert seqs(other) == [1, 2, 3]
        assert notification_pruned_through(user_id=other) == 0
        assert retention.notifications_prune(days=180, keep=6) == (0, 0)  # nothing more to do
        stored(me, 1)  # numbering goes on from where it was
        assert seqs(me)[-1] == 13
        assert RecipientSequence.objects.get(user_id=me).last_seq == 13
    with schema_context(world.shop_b.schema_name):  # the other shop, where id 2 is another person
        assert notification_pruned_through(user_id=world.customer_b.pk) == 0


def test_a_replay_from_below_the_floor_says_so_and_gives_what_is_left(world):
    with schema_context(world.shop_a.schema_name):
        me = world.customer_a.pk
        stored(me, 5, days_old=400)
        stored(me, 2)
        retention.notifications_prune(days=180, keep=100)
        page = notifications_replay(user_id=me, after_seq=2)
        assert (page.pruned_through, [n.seq for n in page.rows], page.next_after, page.done) == (5, [6, 7], 7, False)
        assert notifications_replay(user_id=me, after_seq=7).done
        everything_gone = notifications_replay(user_id=world.owner_a.pk, after_seq=0)
        assert (everything_gone.pruned_through, everything_gone.rows, everything_gone.done) == (0, [], True)


def test_feed_items_older_than_their_days_go_in_batches(world):
    with schema_context(world.shop_a.schema_name):
        for i in range(5):
            feed_item_create(kind="order.placed", area=FeedArea.ORDERS, title=f"old {i}")
        FeedItem.objects.update(created_at=timezone.now() - timedelta(days=40))
        feed_item_create(kind="order.placed", area=FeedArea.ORDERS, title="new")
        assert retention.feed_items_prune(days=30, batch=2) == 5
        assert list(FeedItem.objects.values_list("title", flat=True)) == ["new"]
        assert retention.feed_items_prune(days=30) == 0
    assert [i["title"] for i in client_for(world.shop_a, world.owner_a).get("/api/dashboard/feed/").json()] == ["new"]


def test_a_promotions_reached_and_opened_survive_the_pruning_of_its_notifications(world, monkeypatch):
    monkeypatch.setattr("realtime.notifications.promotions._queue", lambda schema, pk: None)
    res = client_for(world.shop_a, world.owner_a).post(
        "/api/dashboard/promotions/", {"title": "Sale", "text": "Half price", "audience": "all"}, format="json")
    pid = res.json()["id"]
    with schema_context(world.shop_a.schema_name):
        promotion_deliver(promotion_id=pid)
        shoppers = list(Notification.objects.filter(promotion_id=pid).values_list("pk", flat=True))
        assert shoppers
        Notification.objects.filter(pk__in=shoppers).update(delivered_at=timezone.now(), read_at=timezone.now(),
                                                             created_at=timezone.now() - timedelta(days=365))
    before = client_for(world.shop_a, world.owner_a).get(f"/api/dashboard/promotions/{pid}/").json()
    with schema_context(world.shop_a.schema_name):
        retention.notifications_prune()
        assert not Notification.objects.filter(promotion_id=pid).exists()
        assert Promotion.objects.values_list("pruned_reached", "pruned_opened").get(pk=pid) == (
            len(shoppers), len(shoppers))
    after = client_for(world.shop_a, world.owner_a).get(f"/api/dashboard/promotions/{pid}/").json()
    assert (after["reached"], after["opened"]) == (before["reached"], before["opened"]) == (
        len(shoppers), len(shoppers))


def test_beat_prunes_every_active_shop_daily(world, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.prune_inbox_and_feed, "delay", lambda: queued.append(current_schema()))
    entry = settings.CELERY_BEAT_SCHEDULE["prune-inbox-and-feed"]
    assert entry["task"] == "realtime.notifications.tasks.prune_inbox_and_feed_everywhere"
    assert tasks.prune_inbox_and_feed_everywhere() == len(queued) >= 2
    assert {world.shop_a.schema_name, world.shop_b.schema_name} <= set(queued)
    assert world.shop_c.schema_name not in queued  # suspended
    with schema_context(world.shop_a.schema_name):
        stored(world.customer_a.pk, 2, days_old=365)
        assert tasks.prune_inbox_and_feed() == {"notifications": 2, "recipients": 1, "feed_items": 0}
