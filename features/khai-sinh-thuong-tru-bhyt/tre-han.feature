# language: vi
Tính năng: Khai sinh, thường trú, thẻ BHYT — thời hạn của từng cơ quan, trễ hạn, mốc 15:00
  Mỗi cơ quan có phần thời hạn của mình (procedure.toml); hết phần đó thì bị đôn đốc. Quá hạn chung
  thì lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001195004321"
    Và dữ liệu hồ sơ:
      | ho_ten_tre      | Nguyễn Minh An |
      | ngay_sinh_tre   | 20/02/2025     |
      | gioi_tinh       | nam            |
      | ho_ten_me       | Trần Thị Mai   |
      | so_dinh_danh_me | 001195004321   |

  Kịch bản: Hết phần thời hạn của xã mà chưa kiểm tra xong: cảnh báo Lãnh đạo UBND xã
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và hết phần thời hạn của "Ủy ban nhân dân cấp xã"
    Thì hồ sơ đã qua "Cảnh báo Lãnh đạo UBND xã"
    Và hồ sơ chờ ở "Kiểm tra, xác minh" của "Công chức Tư pháp - Hộ tịch"

  Kịch bản: Công an quá phần thời hạn của mình thì bị đôn đốc, rồi trả kết quả
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
    Và hết phần thời hạn của "Công an"
    Thì đã gửi thông điệp "Đôn đốc đăng ký thường trú" đến "Công an"
    Và hồ sơ chờ ở "Kết quả đăng ký thường trú"
    Khi "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và hết phần thời hạn của "Bảo hiểm xã hội"
    Thì đã gửi thông điệp "Đôn đốc cấp thẻ BHYT" đến "Bảo hiểm xã hội"

  Kịch bản: Quá hạn chung: thư xin lỗi hẹn lại ngày, kết quả trả đúng ngày hẹn mới
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh giấy chứng sinh với bệnh viện |
      | ngay_hen_moi  | 06/05/2025                                 |
    Thì đã có thư xin lỗi hẹn lại ngày 06/05/2025
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
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
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và đã lập "Mẫu 04" 1 lần

  # Đề xuất: khi phải xác minh cư trú, Công an có phần thời hạn riêng và hạn chung là 5 ngày làm việc.
  @chi-to-be
  Kịch bản: Xác minh cư trú quá hạn: đôn đốc Công an, quá 5 ngày làm việc thì xin lỗi
    Cho bây giờ là thứ Hai 03/03/2025 lúc 09:00
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công an" trả lời "Thông báo xác minh cư trú" với:
      | ly_do | Xác minh chỗ ở hợp pháp của mẹ |
    Và "Bảo hiểm xã hội" trả lời "Kết quả cấp thẻ BHYT" với:
      | ma_so_bhxh | 3125012345 |
    Và hết phần thời hạn của "Công an"
    Thì đã gửi thông điệp "Đôn đốc đăng ký thường trú" đến "Công an"
    Và hạn giải quyết là thứ Hai 10/03/2025 17:00
    Khi bây giờ là thứ Hai 10/03/2025 lúc 16:59
    Thì hồ sơ không chờ ở "Lập Phiếu xin lỗi"
    Khi quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Công an chưa xác minh xong nơi cư trú |
      | ngay_hen_moi  | 14/03/2025                            |
    Và "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn

  Kịch bản: Nhận sau 15:00 thứ Sáu trước Tết: hạn tính từ sau kỳ nghỉ
    Cho bây giờ là thứ Sáu 24/01/2025 lúc 16:00
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố

  # Đề xuất: 3 ngày làm việc (Nghị định 63/2024). Nhận thứ Sáu 24/01/2025 sau 15:00, Tết nghỉ
  # 25/01–02/02: đếm từ thứ Hai 03/02, hạn là thứ Năm 06/02/2025.
  @chi-to-be
  Kịch bản: Đề xuất: nhận 16:00 thứ Sáu 24/01/2025, hạn thứ Năm 06/02/2025
    Cho bây giờ là thứ Sáu 24/01/2025 lúc 16:00
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết là thứ Năm 06/02/2025 17:00

  # Thư xin lỗi hẹn lại một ngày làm việc, không trước hôm nay và không vào ngày nghỉ (DOMAIN.md §1.2 [S1][S9]).
  Kịch bản: Ngày hẹn mới trong thư xin lỗi phải là ngày làm việc, không trước hôm nay
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh thông tin |
      | ngay_hen_moi  | 28/02/2025             |
    Thì thao tác bị từ chối vì "before today"
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh thông tin |
      | ngay_hen_moi  | 30/04/2025             |
    Thì thao tác bị từ chối vì "not a working day"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh thông tin |
      | ngay_hen_moi  | 06/05/2025             |
    Thì đã có thư xin lỗi hẹn lại ngày 06/05/2025
