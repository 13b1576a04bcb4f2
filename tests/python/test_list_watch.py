"""List with selectors and pagination, and Watch().stream as controllers use it."""
import threading
import time

import pytest
from kubernetes import client, watch

from conftest import meta, unique


@pytest.fixture(scope="module")
def configmaps(core, ns):
    names = [f"page-{index:02d}" for index in range(7)]
    for index, name in enumerate(names):
        core.create_namespaced_config_map(
            ns,
            client.V1ConfigMap(
                metadata=meta(name, labels={"group": "even" if index % 2 == 0 else "odd", "page": "yes"})
            ),
        )
    return names


def test_label_selector(core, ns, configmaps):
    listed = core.list_namespaced_config_map(ns, label_selector="group=even")
    assert [item.metadata.name for item in listed.items] == configmaps[0::2]
    listed = core.list_namespaced_config_map(ns, label_selector="group in (odd),page")
    assert [item.metadata.name for item in listed.items] == configmaps[1::2]
    listed = core.list_namespaced_config_map(ns, label_selector="group!=even,page=yes")
    assert [item.metadata.name for item in listed.items] == configmaps[1::2]


def test_field_selector(core, ns, configmaps):
    listed = core.list_namespaced_config_map(ns, field_selector="metadata.name=page-03")
    assert [item.metadata.name for item in listed.items] == ["page-03"]
    listed = core.list_namespaced_config_map(
        ns, field_selector=f"metadata.namespace={ns},metadata.name!=page-03", label_selector="page"
    )
    assert len(listed.items) == 6


def test_pagination(core, ns, configmaps):
    seen = []
    token = None
    pages = 0
    versions = set()
    while True:
        page = core.list_namespaced_config_map(ns, label_selector="page", limit=3, _continue=token)
        pages += 1
        seen += [item.metadata.name for item in page.items]
        versions.add(page.metadata.resource_version)
        token = page.metadata._continue
        if not token:
            assert page.metadata.remaining_item_count is None
            break
        # A label selector leaves the count of remaining items unknown.
        assert page.metadata.remaining_item_count is None
    assert pages == 3
    assert seen == configmaps
    assert len(versions) == 1


def test_list_all_namespaces(core, ns, configmaps):
    listed = core.list_config_map_for_all_namespaces(label_selector="page")
    assert len([item for item in listed.items if item.metadata.namespace == ns]) == 7
    assert listed.kind == "ConfigMapList"
    assert listed.api_version == "v1"


def test_list_resource_version_zero(core, ns, configmaps):
    listed = core.list_namespaced_config_map(ns, label_selector="page", resource_version="0")
    assert len(listed.items) == 7


def test_expired_continue(core, ns, configmaps):
    with pytest.raises(client.ApiException) as caught:
        core.list_namespaced_config_map(ns, limit=1, _continue="not-a-token")
    assert caught.value.status == 400


def test_watch_stream(core, ns):
    name = unique("watched")
    start = core.list_namespaced_config_map(ns).metadata.resource_version

    def writes():
        time.sleep(0.3)
        core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name)))
        core.patch_namespaced_config_map(name, ns, {"data": {"a": "1"}})
        core.delete_namespaced_config_map(name, ns)

    thread = threading.Thread(target=writes)
    thread.start()
    events = []
    stream = watch.Watch()
    for event in stream.stream(
        core.list_namespaced_config_map, ns, resource_version=start, timeout_seconds=10
    ):
        if event["object"].metadata.name != name:
            continue
        events.append((event["type"], event["object"].data))
        assert isinstance(event["object"], client.V1ConfigMap)
        assert event["raw_object"]["kind"] == "ConfigMap"
        if event["type"] == "DELETED":
            stream.stop()
    thread.join()
    assert events == [("ADDED", None), ("MODIFIED", {"a": "1"}), ("DELETED", {"a": "1"})]


def test_watch_from_now_sees_existing_as_added(core, ns, configmaps):
    stream = watch.Watch()
    names = []
    for event in stream.stream(core.list_namespaced_config_map, ns, label_selector="page", timeout_seconds=5):
        assert event["type"] == "ADDED"
        names.append(event["object"].metadata.name)
        if len(names) == len(configmaps):
            stream.stop()
    assert sorted(names) == configmaps


def test_watch_ends_at_timeout(core, ns):
    started = time.monotonic()
    events = list(watch.Watch().stream(
        core.list_namespaced_config_map, ns, label_selector="none=here", timeout_seconds=1
    ))
    assert events == []
    assert time.monotonic() - started < 5


def test_remaining_item_count(core, ns, configmaps):
    total = len(core.list_namespaced_config_map(ns).items)
    page = core.list_namespaced_config_map(ns, limit=3)
    assert page.metadata.remaining_item_count == total - 3
    assert page.metadata._continue


def test_watch_bookmarks(core, ns):
    start = core.list_namespaced_config_map(ns).metadata.resource_version
    stream = watch.Watch()
    for event in stream.stream(
        core.list_namespaced_config_map, ns, resource_version=start,
        allow_watch_bookmarks=True, timeout_seconds=2,
    ):
        assert event["type"] in ("BOOKMARK", "ADDED", "MODIFIED", "DELETED")


def test_watch_raw_http(core, ns):
    response = core.list_namespaced_config_map(
        ns, watch=True, timeout_seconds=1, label_selector="page", _preload_content=False
    )
    lines = [line for line in response.read().decode().split("\n") if line]
    assert len(lines) == 7
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Transfer-Encoding"] == "chunked"
