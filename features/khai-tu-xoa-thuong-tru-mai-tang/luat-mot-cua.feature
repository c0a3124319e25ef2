# language: vi
Tính năng: Khai tử, xóa thường trú, mai táng phí — cơ chế một cửa do hệ thống tự giữ, ở mọi biến thể
  Các quy tắc của DOMAIN.md §1.2 mà hệ thống tự kiểm tra dù sơ đồ vẽ thế nào (engine/law/law.py): hồ sơ trễ hạn
  chỉ kết thúc sau thư xin lỗi (Mẫu 04); cơ quan liên thông từ chối phải nêu lý do; mốc "sau 15:00"; kết
  quả riêng của từng cơ quan; ngày xử lý xong và ngày trả kết quả ghi riêng; quy định theo ngày tiếp nhận.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001170002468"
    Và dữ liệu hồ sơ:
      | ho_ten_nguoi_chet       | Lê Văn Hùng                   |
      | so_dinh_danh_nguoi_chet | 001940001357                  |
      | ngay_chet               | 27/02/2025                    |
      | noi_chet                | Bệnh viện Việt Tiệp, Hải Phòng |
      | ho_ten_nguoi_yeu_cau    | Lê Văn Nam                    |
      | quan_he_voi_nguoi_chet  | con                           |

  # Hồ sơ trễ hạn không kết thúc khi chưa có thư xin lỗi (DOMAIN.md §1.2 [S1][S14]): hiện tại sơ đồ tự
  # chờ thư; đề xuất có sự kiện kết thúc hủy mọi nhánh, nên hệ thống chặn bước kết thúc.
  Kịch bản: Hồ sơ trễ hạn: xong mọi việc mà chưa có thư xin lỗi thì chưa kết thúc
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và quá hạn giải quyết
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai tử" (nếu có) với:
      | so_dang_ky | 07/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" trả lời "Kết quả xóa đăng ký thường trú" (nếu luật cho phép) với:
      | ket_qua_cu_tru | da_xoa |
    Và "Bộ phận Một cửa" trả kết quả (nếu luật cho phép)
    Thì hồ sơ chưa kết thúc vì chưa có thư xin lỗi
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh nơi chết |
      | ngay_hen_moi  | 30/04/2025            |
    Thì thao tác bị từ chối theo quy tắc "ngày hẹn mới là ngày làm việc"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh nơi chết |
      | ngay_hen_moi  | 15/04/2025            |
    Và "Công an" trả lời "Kết quả xóa đăng ký thường trú" (nếu còn chờ) với:
      | ket_qua_cu_tru | da_xoa |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và đã có thư xin lỗi hẹn lại ngày 15/04/2025
    Và hồ sơ không còn chờ gì

  # Mọi từ chối phải nêu lý do bằng văn bản (DOMAIN.md §1.2 [S7][E9]). Hiện tại Bộ phận Một cửa ghi nhận
  # kết quả giấy của BHXH ("khong_dong_y"); đề xuất BHXH trả qua hệ thống ("tu_choi", kịch bản dưới).
  @chi-as-is
  Kịch bản: Hiện tại: BHXH không đồng ý mai táng phí thì kết quả giấy phải nêu lý do
    Khi công dân nộp hồ sơ với:
      | lua_chon        | 3    |
      | che_do_mai_tang | bhxh |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai tử" (nếu có) với:
      | so_dang_ky | 07/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" thử trả lời "mai táng phí" với:
      | ket_qua_mai_tang | khong_dong_y |
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Bảo hiểm xã hội" trả lời "mai táng phí" với:
      | ket_qua_mai_tang | khong_dong_y                                 |
      | ly_do            | Người chết không thuộc diện hưởng mai táng phí |
    Thì kết quả của "Bảo hiểm xã hội" là "khong_dong_y"
    Và kết quả của "Công an" là "da_xoa"

  # Đề xuất: BHXH trả kết quả qua hệ thống; thông điệp "tu_choi" phải kèm "ly_do" (hợp đồng thông điệp).
  @chi-to-be
  Kịch bản: Đề xuất: BHXH từ chối mai táng phí qua hệ thống thì phải nêu lý do
    Khi công dân nộp hồ sơ với:
      | lua_chon        | 3    |
      | che_do_mai_tang | bhxh |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai tử" (nếu có) với:
      | so_dang_ky | 07/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" thử trả lời "mai táng phí" với:
      | ket_qua_mai_tang | tu_choi      |
    Thì hợp đồng thông điệp từ chối vì thiếu "ly_do"
    Khi "Bảo hiểm xã hội" trả lời "mai táng phí" với:
      | ket_qua_mai_tang | tu_choi                                      |
      | ly_do            | Người chết không thuộc diện hưởng mai táng phí |
    Thì kết quả của "Bảo hiểm xã hội" là "tu_choi"
    Và kết quả của "Công an" là "da_xoa"

  # Mỗi cơ quan có phần thời hạn của mình, tính bằng ngày làm việc (DOMAIN.md §2 [D3]; các con số của nhóm
  # này là giả định, procedure.toml).
  Kịch bản: Phần thời hạn của xã và của Công an đúng số ngày làm việc công bố
    Cho bây giờ là thứ Hai 03/03/2025 lúc 10:00
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Thì phần thời hạn của "Ủy ban nhân dân cấp xã" đúng số ngày làm việc công bố
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai tử" (nếu có) với:
      | so_dang_ky | 07/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Thì phần thời hạn của "Công an" là 2 ngày làm việc

  # "Sau 15:00" (DOMAIN.md §1.2 [S7]): nhận đúng 15:00:00 vẫn tính trong ngày, 15:00:01 thì từ ngày làm việc
  # tiếp theo.
  Kịch bản: Nhận đúng 15:00:00: hạn tính từ chính ngày đó
    Cho bây giờ là thứ Hai 03/03/2025 lúc 15:00:00
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết tính từ thứ Hai 03/03/2025

  Kịch bản: Nhận lúc 15:00:01: hạn tính từ ngày làm việc tiếp theo
    Cho bây giờ là thứ Sáu 07/03/2025 lúc 15:00:01
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết tính từ thứ Hai 10/03/2025

  # Thời gian chờ công dân nhận kết quả không tính vào thời hạn (DOMAIN.md §1.2 [S3][M5]).
  Kịch bản: Ngày xử lý xong và ngày trả kết quả được ghi riêng
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai tử" (nếu có) với:
      | so_dang_ky | 07/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Thì ngày xử lý xong là 03/03/2025
    Khi 2 ngày làm việc trôi qua
    Và "Bộ phận Một cửa" trả kết quả
    Thì ngày xử lý xong là 03/03/2025
    Và ngày trả kết quả được ghi riêng với ngày xử lý xong
    Và hồ sơ có kết quả đúng hẹn

  # Từ 01/7/2025 Nghị định 118/2025/NĐ-CP thay Nghị định 61/2018/NĐ-CP ([S12][S13]); hồ sơ giữ quy định
  # có hiệu lực vào ngày tiếp nhận.
  Khung kịch bản: Hồ sơ áp dụng quy định có hiệu lực vào ngày tiếp nhận, kể cả sau khi quy định thay đổi
    Cho bây giờ là <ngay_nop>
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hồ sơ áp dụng "<quy_dinh>"
    Khi bây giờ là thứ Tư 02/07/2025 lúc 09:00
    Thì hồ sơ vẫn áp dụng "<quy_dinh>"
    Và hồ sơ không áp dụng "<khong_ap_dung>"

    Dữ liệu:
      | ngay_nop                     | quy_dinh                 | khong_ap_dung            |
      | thứ Hai 30/06/2025 lúc 16:00 | Nghị định 61/2018/NĐ-CP  | Nghị định 118/2025/NĐ-CP |
      | thứ Ba 01/07/2025 lúc 09:00  | Nghị định 118/2025/NĐ-CP | Nghị định 61/2018/NĐ-CP  |
