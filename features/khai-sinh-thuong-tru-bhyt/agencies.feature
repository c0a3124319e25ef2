Feature: Birth, residence and health card — each linked agency answers for itself
  The commune registers the birth, the police register the permanent residence and social security
  issues the health-insurance card. Each agency answers only for its own part, within its own share of
  the deadline. (Written in English to show the step library's English phrases.)

  Background:
    Given the applicant's personal id is "001195004321"
    And the dossier data:
      | ho_ten_tre      | Nguyễn Minh An |
      | ngay_sinh_tre   | 20/02/2025     |
      | gioi_tinh       | nu             |
      | ho_ten_me       | Trần Thị Mai   |
      | so_dinh_danh_me | 001195004321   |

  Scenario: Only the police may report the residence registration
    When the citizen submits the dossier
    And the one-stop desk receives the dossier
    And the one-stop desk hands the dossier over to the specialists
    And "Công chức Tư pháp - Hộ tịch" concludes the appraisal "passes"
    And "Lãnh đạo UBND cấp xã" completes "Ký khai sinh" with:
      | quyet_dinh | dong_y |
    And "Công chức Tư pháp - Hộ tịch" completes "Ghi Sổ đăng ký khai sinh" (if any) with:
      | so_dang_ky | 16/2025 |
    And the one-stop desk sends the dossier to "Công an"
    Then a message "đăng ký thường trú" was sent to "Công an"
    When "Bảo hiểm xã hội" tries to send "Kết quả đăng ký thường trú" with:
      | ket_qua_cu_tru | da_dang_ky |
    Then the action is refused
    And the case waits at "Kết quả đăng ký thường trú"
    When "Công an" replies "Kết quả đăng ký thường trú" with:
      | ket_qua_cu_tru | da_dang_ky |
    Then the case does not wait at "Kết quả đăng ký thường trú"

  Scenario: A late dossier gets an apology with a new date, and the result is on that date
    When the citizen submits the dossier
    And the one-stop desk receives the dossier
    Then the case is due within the published deadline
    When the legal deadline passes
    Then the case waits at "Lập Phiếu xin lỗi" in "Bộ phận Một cửa" of "Ủy ban nhân dân cấp xã"
    When the one-stop desk completes "Lập Phiếu xin lỗi" with:
      | ly_do_tre_han | Waiting for the hospital to confirm the birth certificate |
      | ngay_hen_moi  | 2025-05-06                                                |
    Then an apology letter was issued with the new date 2025-05-06
    And the form "Mẫu 04" was issued 1 time
    And the legal clock is running

  Scenario: The legal clock pauses while the citizen supplements, once, in writing
    When the citizen submits the dossier
    And the one-stop desk receives the dossier
    And the one-stop desk hands the dossier over to the specialists
    And 1 working day passes
    And "Công chức Tư pháp - Hộ tịch" concludes the appraisal "needs supplements" with:
      | noi_dung_bo_sung | The birth certificate is unreadable |
    And the one-stop desk requests supplements "Send a readable birth certificate"
    Then the legal clock is paused
    And the legal clock shows 1 working day used
    And the dossier status at the portal is "Yêu cầu bổ sung giấy tờ"
    When 2 working days pass
    And the citizen supplements the dossier with:
      | tai_lieu_bo_sung | giay-chung-sinh.pdf |
    Then the legal clock is running
    And the due date moved 2 working days later
    And the case is due within the published deadline plus 2 paused days
    And the form "Mẫu 02" was issued 1 time
    And the portal received the status "Đang xử lý"
