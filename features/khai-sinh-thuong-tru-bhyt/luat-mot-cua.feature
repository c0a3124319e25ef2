# language: vi
Tính năng: Khai sinh, thường trú, thẻ BHYT — cơ chế một cửa do hệ thống tự giữ, ở mọi biến thể
  Các quy tắc của DOMAIN.md §1.2 mà hệ thống tự kiểm tra dù sơ đồ vẽ thế nào (engine/law/law.py): hồ sơ trễ hạn
  chỉ kết thúc sau thư xin lỗi (Mẫu 04); mốc "sau 15:00"; kết quả riêng của từng cơ quan liên thông; ngày
  xử lý xong và ngày trả kết quả ghi riêng; quy định áp dụng theo ngày tiếp nhận.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001195004321"
    Và dữ liệu hồ sơ:
      | ho_ten_tre            | Nguyễn Minh An |
      | ngay_sinh_tre         | 20/02/2025     |
      | gioi_tinh             | nam            |
      | ho_ten_me             | Trần Thị Mai   |
      | so_dinh_danh_me       | 001195004321   |
      | quan_he_nguoi_yeu_cau | me             |

  # Hồ sơ trễ hạn không kết thúc khi chưa có thư xin lỗi (DOMAIN.md §1.2 [S1][S14]): sơ đồ tự chờ thư,
  # hoặc hệ thống chặn bước kết thúc.
  Kịch bản: Hồ sơ trễ hạn: xong mọi việc mà chưa có thư xin lỗi thì chưa kết thúc
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và quá hạn giải quyết
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai sinh" (nếu có) với:
      | so_dang_ky | 15/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" trả lời "Kết quả đăng ký thường trú" (nếu luật cho phép) với:
      | ket_qua_cu_tru | da_dang_ky |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" trả lời "thẻ BHYT" (nếu luật cho phép) với:
      | ma_so_bhxh | 3125012345 |
    Và "Bộ phận Một cửa" trả kết quả (nếu luật cho phép)
    Thì hồ sơ chưa kết thúc vì chưa có thư xin lỗi
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh giấy chứng sinh với bệnh viện |
      | ngay_hen_moi  | 30/04/2025                                 |
    Thì thao tác bị từ chối theo quy tắc "ngày hẹn mới là ngày làm việc"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh giấy chứng sinh với bệnh viện |
      | ngay_hen_moi  | 06/05/2025                                 |
    Và "Bảo hiểm xã hội" trả lời "thẻ BHYT" (nếu còn chờ) với:
      | ma_so_bhxh | 3125012345 |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và đã có thư xin lỗi hẹn lại ngày 06/05/2025
    Và hồ sơ không còn chờ gì

  # "Sau 15:00" (DOMAIN.md §1.2 [S7][D3]): nhận đúng 15:00:00 vẫn tính trong ngày, 15:00:01 thì từ ngày làm
  # việc tiếp theo.
  Kịch bản: Nhận đúng 15:00:00: hạn tính từ chính ngày đó
    Cho bây giờ là thứ Hai 03/03/2025 lúc 15:00:00
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết tính từ thứ Hai 03/03/2025

  Kịch bản: Nhận lúc 15:00:01: hạn tính từ ngày làm việc tiếp theo
    Cho bây giờ là thứ Sáu 07/03/2025 lúc 15:00:01
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết tính từ thứ Hai 10/03/2025

  # Mỗi cơ quan có phần thời hạn của mình (DOMAIN.md §2 [D1][D3]); đề xuất: UBND xã 0 ngày làm việc —
  # đăng ký khai sinh trong ngày; hiện tại 5 ngày. Công an có phần của mình khi nhận hồ sơ.
  Kịch bản: Phần thời hạn của xã và của Công an đúng số ngày làm việc công bố, kể cả 0 là trong ngày
    Cho bây giờ là thứ Hai 03/03/2025 lúc 10:00
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Thì phần thời hạn của "Ủy ban nhân dân cấp xã" đúng số ngày làm việc công bố
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai sinh" (nếu có) với:
      | so_dang_ky | 15/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Thì phần thời hạn của "Công an" đúng số ngày làm việc công bố

  # Đề xuất (Nghị định 63/2024): UBND xã đăng ký khai sinh trong ngày làm việc [D1] — phần thời hạn 0: quá
  # 17:00 cùng ngày thì Lãnh đạo UBND xã được cảnh báo. Hiện tại (giấy) phần của xã là 5 ngày [D10].
  @chi-to-be
  Kịch bản: Đề xuất: phần thời hạn của xã là 0 ngày làm việc — cảnh báo lúc 17:00 cùng ngày
    Cho bây giờ là thứ Hai 03/03/2025 lúc 10:00
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Thì phần thời hạn của "Ủy ban nhân dân cấp xã" là 0 ngày làm việc (trong ngày)
    Khi bây giờ là thứ Hai 03/03/2025 lúc 16:59
    Thì hồ sơ không đi qua "Cảnh báo Lãnh đạo UBND xã"
    Khi bây giờ là thứ Hai 03/03/2025 lúc 17:01
    Thì hồ sơ đã qua "Cảnh báo Lãnh đạo UBND xã"

  # Mỗi cơ quan liên thông có kết quả của mình (DOMAIN.md §2.1): Công an (thường trú), BHXH (thẻ BHYT) —
  # qua hệ thống (đề xuất) hoặc bản giấy Bộ phận Một cửa ghi nhận (hiện tại).
  Kịch bản: Kết quả riêng của Công an và của BHXH
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai sinh" (nếu có) với:
      | so_dang_ky | 15/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Thì kết quả của "Công an" là "da_dang_ky"
    Khi "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" trả lời "thẻ BHYT" với:
      | ket_qua_bhyt | da_cap     |
      | ma_so_bhxh   | 3125012345 |
    Thì kết quả của "Bảo hiểm xã hội" là "da_cap"
    Và kết quả của "Công an" là "da_dang_ky"

  # Thời gian chờ công dân nhận kết quả không tính vào thời hạn (DOMAIN.md §1.2 [S3][M5]).
  Kịch bản: Ngày xử lý xong và ngày trả kết quả được ghi riêng
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai sinh" (nếu có) với:
      | so_dang_ky | 15/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" trả lời "thẻ BHYT" với:
      | ma_so_bhxh | 3125012345 |
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
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hồ sơ áp dụng "<quy_dinh>"
    Khi bây giờ là thứ Tư 02/07/2025 lúc 09:00
    Thì hồ sơ vẫn áp dụng "<quy_dinh>"
    Và hồ sơ không áp dụng "<khong_ap_dung>"

    Dữ liệu:
      | ngay_nop                     | quy_dinh                 | khong_ap_dung            |
      | thứ Hai 30/06/2025 lúc 16:00 | Nghị định 61/2018/NĐ-CP  | Nghị định 118/2025/NĐ-CP |
      | thứ Ba 01/07/2025 lúc 09:00  | Nghị định 118/2025/NĐ-CP | Nghị định 61/2018/NĐ-CP  |

  # Hiện tại Công an trả kết quả bản giấy, Bộ phận Một cửa ghi nhận "khong_dang_ky": biểu mẫu đòi lý do
  # (đề xuất qua hệ thống: lien-thong.feature, "Công an từ chối đăng ký thường trú thì phải nêu lý do").
  @chi-as-is
  Kịch bản: Hiện tại: Công an không đăng ký thường trú thì kết quả giấy phải nêu lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai sinh" với:
      | so_dang_ky | 15/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" thử trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | khong_dang_ky |
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | khong_dang_ky                            |
      | ly_do          | Nơi cư trú của cha mẹ chưa được xác minh |
    Thì hồ sơ không chờ ở "Kết quả đăng ký thường trú"
