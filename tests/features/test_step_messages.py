"""Failing steps explain themselves: what was expected, and what the case actually shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from engine import Engine
from engine.bpmn.catalog import Catalog
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from features.steps import checks, law, outcomes, stages
from features.support.agencies import resolve_agency
from features.support.fakes import FakeAgencies
from features.support.phrases import StepProblem, parse_moment
from features.support.tables import table_data
from features.support.world import World

COPY = {"loai_yeu_cau": "ban_sao", "ho_ten": "Trần Thị Bình", "so_dinh_danh": "001092000123", "so_ban_sao": 1}
Failed = pytest.fail.Exception


@pytest.fixture
def world(sqlite_url: str, clock: FakeClock, catalog: Catalog) -> Iterator[World]:
    """A scenario world on the as-is certified-copy procedure, with a dossier submitted at the desk."""
    store = Store(sqlite_url)
    store.migrate()
    fakes = FakeAgencies()
    engine = Engine(catalog=catalog, store=store, clock=clock, calendar=WorkingCalendar(),
                    connectors=fakes.connectors())
    built = World(engine, clock, fakes, catalog.procedure("cap-ban-sao-van-bang"), "as-is")
    built.applicant = "001092000123"
    built.submit("truc-tiep", COPY)
    built.step = 'Và "Lãnh đạo Sở" hoàn thành "Ký bản sao" (dòng 12)'
    yield built
    store.dispose()


def failure(action: object, *args: object) -> str:
    """The message of the failing step."""
    with pytest.raises(Failed) as info:
        action(*args)  # type: ignore[operator]
    return str(info.value)


def test_a_task_the_case_has_not_reached_names_where_the_diagram_has_it(world: World) -> None:
    message = failure(world.find_task, "Ký bản sao", "Lãnh đạo Sở")
    assert message.startswith('Bước hỏng: Và "Lãnh đạo Sở" hoàn thành "Ký bản sao" (dòng 12)\n')
    assert 'Không có việc "Ký bản sao" cho "Lãnh đạo Sở" đang chờ.' in message
    assert 'Sơ đồ có "Ký bản sao / quyết định chỉnh sửa" [PheDuyet] ở làn "Lãnh đạo Sở"' in message
    # ... and what the case actually shows: status, position with its lane and agency, the legal clock
    assert "trạng thái: 1 — Mới đăng ký" in message
    assert ('đang chờ ở: "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ" [TN_KiemTraHoSo] — làn "Bộ phận Một cửa" '
            "(so-gddt)") in message
    assert "đồng hồ pháp lý: chưa bắt đầu" in message


def test_a_task_the_diagram_lacks_says_so_and_suggests_close_names(world: World) -> None:
    message = failure(world.find_task, "Tra cứu sổ gốc giấy, lập bản sao điện tử")
    assert "Sơ đồ as-is.bpmn không có việc nào tên như vậy." in message
    assert "Gần giống: 'Tra cứu sổ gốc giấy, lập bản sao'" in message


def test_the_wrong_lane_is_refused_by_the_engine_with_the_lane_it_belongs_to(world: World) -> None:
    task = world.find_task("Kiểm tra tính đầy đủ")
    message = failure(world.complete_task, "Phòng Khảo thí và Quản lý chất lượng", task,
                      {"ket_qua_kiem_tra": "day_du"})
    assert '"Phòng Khảo thí và Quản lý chất lượng" không hoàn thành được "Kiểm tra tính đầy đủ' in message
    assert "belongs to lane 'Bộ phận Một cửa' (so-gddt/mot-cua)" in message
    assert world.find_task("Kiểm tra tính đầy đủ").id == task.id  # nothing moved


def test_a_wait_check_shows_positions_clock_and_last_events(world: World) -> None:
    stages.receive(world, "Bộ phận Một cửa")
    message = failure(checks.waits_at, world, "lập bản sao", "Phòng Khảo thí và Quản lý chất lượng", None)
    assert 'Mong đợi hồ sơ chờ ở "lập bản sao", nhưng không.' in message
    assert '[TraCuuSoGoc] ở làn "Phòng Khảo thí và Quản lý chất lượng", nhưng hồ sơ chưa/không' in message
    assert '"Chuyển hồ sơ giấy đến Phòng chuyên môn (Mẫu 05)" [ChuyenPhongChuyenMon]' in message
    # a copy is due the same day (legal_clock=set); the days allowed shown are the engine's `overall`
    assert "hạn thứ Hai 03/03/2025 17:00 · đã dùng 0/" in message and "ngày làm việc · đang chạy" in message
    assert 'sự kiện gần nhất:\n' in message and 'mot-cua@so-gddt: xong "Hạn theo loại yêu cầu"' in message


def test_the_portal_status_check_lists_what_was_sent(world: World) -> None:
    message = failure(outcomes.portal_status, world, "Đã trả kết quả")
    assert "Mong đợi trạng thái trên Cổng DVC là 10 (Đã trả kết quả), nhưng là 1; đã gửi: [1]." in message


def test_a_refusal_without_a_written_reason_is_named(world: World) -> None:
    message = failure(outcomes.refused_in_writing, world)
    assert message.splitlines()[1] == "Mong đợi hồ sơ bị từ chối."


def test_a_mistyped_date_is_caught_by_its_weekday() -> None:
    with pytest.raises(StepProblem, match=r"24/01/2025 là thứ Sáu, không phải thứ năm"):
        parse_moment("thứ Năm 24/01/2025 16:00")
    assert parse_moment("thứ Sáu 24/01/2025 lúc 16:00").isoformat() == "2025-01-24T16:00:00+07:00"


def test_a_table_value_of_the_wrong_type_names_the_field() -> None:
    form = {"properties": {"so_ban_sao": {"type": "integer"}, "ngay_hen_moi": {"type": "string",
                                                                              "format": "date"}}}
    assert table_data([["so_ban_sao", "2"], ["ngay_hen_moi", "20/03/2025"]], form) == {
        "so_ban_sao": 2, "ngay_hen_moi": "2025-03-20"}
    with pytest.raises(StepProblem, match="giá trị 'hai' của trường 'so_ban_sao' không phải kiểu integer"):
        table_data([["so_ban_sao", "hai"]], form)
    with pytest.raises(StepProblem, match="dòng 1 của bảng dữ liệu phải có đúng 2 cột"):
        table_data([["so_ban_sao", "2", "thừa"]], form)


def test_an_unknown_agency_lists_the_procedures_agencies(world: World) -> None:
    assert resolve_agency(world, "Cổng Dịch vụ công quốc gia") == "cong-dvc"
    assert resolve_agency(world, "Công an") == "bo-cong-an"  # part of a name, when only one agency has it
    with pytest.raises(StepProblem, match=r"không biết cơ quan 'Sở Tư pháp'.*so-gddt \(Sở Giáo dục"):
        resolve_agency(world, "Sở Tư pháp")


def test_an_unknown_person_lists_the_lanes(world: World) -> None:
    with pytest.raises(StepProblem, match=r"không biết 'Hiệu trưởng' là ai.*\"Bộ phận Một cửa\""):
        world.actor("Hiệu trưởng")


def test_a_refusal_by_another_rule_is_not_the_rule_named(world: World) -> None:
    task = world.find_task("Kiểm tra tính đầy đủ")
    world.complete_task("Phòng Khảo thí và Quản lý chất lượng", task, {"ket_qua_kiem_tra": "day_du"},
                        attempt=True)  # refused for the lane, not by the law
    message = failure(law.refused_by_rule, world, "hồ sơ trễ hạn phải có thư xin lỗi")
    assert 'Thao tác bị từ chối, nhưng không theo quy tắc "hồ sơ trễ hạn phải có thư xin lỗi" ' \
           "(DOMAIN.md §1.2 [S1][S14]): " in message
    with pytest.raises(StepProblem, match=r"không biết quy tắc 'nộp phí'.*\"chỉ yêu cầu bổ sung một lần\""):
        law.refused_by_rule(world, "nộp phí")


def test_an_accepted_attempt_is_not_a_refusal_by_the_rule(world: World) -> None:
    world.error = None
    message = failure(law.refused_by_rule, world, "ngày hẹn mới")
    assert 'Mong đợi thao tác trước bị từ chối theo quy tắc "ngày hẹn mới là ngày làm việc, không trước ' \
           'hôm nay" (DOMAIN.md §1.2 [S1][S9]), nhưng hệ thống vẫn chấp nhận' in message


def test_a_case_on_time_has_no_apology_task_to_wait_for(world: World) -> None:
    message = failure(law.not_ended_without_apology, world)
    assert "không có việc lập thư xin lỗi (Mẫu 04) nào đang chờ" in message


def test_the_deadline_counted_from_a_day_says_both_dates(world: World) -> None:
    stages.receive(world, "Bộ phận Một cửa")  # Monday 03/03/2025 09:00, a copy: the same day
    checks.counted_from(world, "thứ Hai 03/03/2025")
    message = failure(checks.counted_from, world, "thứ Ba 04/03/2025")
    assert "Mong đợi hạn tính từ 04/03/2025: 0 ngày làm việc, hạn 04/03/2025 17:00; nhưng hạn là thứ Hai " \
           "03/03/2025 17:00 (tiếp nhận thứ Hai 03/03/2025 09:00)." in message
    with pytest.raises(StepProblem, match="08/03/2025 không phải ngày làm việc"):
        checks.counted_from(world, "thứ Bảy 08/03/2025")


def test_a_time_may_carry_seconds_for_the_cut_off() -> None:
    assert parse_moment("thứ Hai 03/03/2025 lúc 15:00:01").isoformat() == "2025-03-03T15:00:01+07:00"
