# language: vi
Tính năng: Khai tử, xóa thường trú, mai táng — thời hạn từng cơ quan, trễ hạn
  Mỗi cơ quan có phần thời hạn riêng (procedure.toml); hết phần của mình thì bị đôn đốc. Quá hạn
  chung thì lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001170002468"
    Và dữ liệu hồ sơ:
      | ho_ten_nguoi_chet       | Lê Văn Hùng  |
      | so_dinh_danh_nguoi_chet | 001940001357 |
      | ngay_chet               | 27/02/2025   |
      | ho_ten_nguoi_yeu_cau    | Lê Văn Nam   |

  Kịch bản: Xã, Công an, BHXH quá phần thời hạn của mình thì lần lượt bị cảnh báo, đôn đốc
    Khi công dân nộp hồ sơ với:
      | lua_chon        | 3    |
      | che_do_mai_tang | bhxh |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và hết phần thời hạn của "Ủy ban nhân dân cấp xã"
    Thì hồ sơ đã qua "Cảnh báo Lãnh đạo UBND xã"
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai tử" (nếu có) với:
      | so_dang_ky | 07/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và hết phần thời hạn của "Công an"
    Thì đã gửi thông điệp "Đôn đốc xóa đăng ký thường trú" đến "Công an"
    Khi "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và hết phần thời hạn của "Bảo hiểm xã hội"
    Thì đã gửi thông điệp "Đôn đốc giải quyết chế độ BHXH" đến "Bảo hiểm xã hội"
    Và không có thư xin lỗi

  Kịch bản: Lao động - TB&XH và BHXH (trợ cấp tuất) quá phần thời hạn thì bị đôn đốc
    Khi công dân nộp hồ sơ với:
      | lua_chon                | 4              |
      | che_do_mai_tang         | bao_tro_xa_hoi |
      | xac_nhan_nguoi_dai_dien | mau_09_hsb     |
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
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Lao động - Thương binh và Xã hội"
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và hết phần thời hạn của "Lao động - Thương binh và Xã hội"
    Và hết phần thời hạn của "Bảo hiểm xã hội"
    Thì đã gửi thông điệp "Đôn đốc hỗ trợ chi phí mai táng" đến "Lao động - Thương binh và Xã hội"
    Và đã gửi thông điệp "Đôn đốc giải quyết chế độ BHXH" đến "Bảo hiểm xã hội"

  Kịch bản: Quá hạn chung: thư xin lỗi hẹn lại ngày, kết quả trả đúng ngày hẹn mới
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh nơi chết |
      | ngay_hen_moi  | 15/04/2025            |
    Thì đã có thư xin lỗi hẹn lại ngày 15/04/2025
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai tử" (nếu có) với:
      | so_dang_ky | 07/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và đã lập "Mẫu 04" 1 lần

  Kịch bản: Nhận sau 15:00 thứ Sáu trước Tết: hạn tính từ sau kỳ nghỉ
    Cho bây giờ là thứ Sáu 24/01/2025 lúc 16:00
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố

  # Thư xin lỗi hẹn lại một ngày làm việc, không trước hôm nay và không vào ngày nghỉ (DOMAIN.md §1.2 [S1][S9]).
  Kịch bản: Ngày hẹn mới trong thư xin lỗi phải là ngày làm việc, không trước hôm nay
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
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

  # Hồ sơ trễ hạn không được kết thúc khi chưa có thư xin lỗi (Mẫu 04), dù sự kiện kết thúc của sơ đồ hủy
  # mọi nhánh còn lại (DOMAIN.md §1.2 [S1][S14]).
  @chi-to-be
  Kịch bản: Hồ sơ trễ hạn chưa có thư xin lỗi thì chưa được kết thúc
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" thử trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Thì thao tác bị từ chối vì "Mẫu 04"
    Và hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh nơi chết |
      | ngay_hen_moi  | 15/04/2025            |
    Và "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và đã lập "Mẫu 04" 1 lần
    Và đã lập "Mẫu 05" 1 lần
    Và đã lập "Mẫu 06" 1 lần
