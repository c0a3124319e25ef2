# language: vi
Tính năng: Khai tử, xóa thường trú, mai táng phí, trợ cấp tuất — giải quyết liên thông
  Người yêu cầu chọn 2 thủ tục (khai tử và xóa đăng ký thường trú), 3 (thêm mai táng phí / hỗ trợ chi
  phí mai táng) hoặc 4 (thêm trợ cấp tuất). UBND xã đăng ký khai tử; Công an xóa thường trú; BHXH hoặc
  cơ quan Lao động - TB&XH giải quyết mai táng; BHXH giải quyết trợ cấp tuất.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001170002468"
    Và dữ liệu hồ sơ:
      | ho_ten_nguoi_chet       | Lê Văn Hùng                   |
      | so_dinh_danh_nguoi_chet | 001940001357                  |
      | ngay_chet               | 27/02/2025                    |
      | noi_chet                | Bệnh viện Việt Tiệp, Hải Phòng |
      | ho_ten_nguoi_yeu_cau    | Lê Văn Nam                    |
      | quan_he_voi_nguoi_chet  | con                           |

  Kịch bản: Chọn 2 thủ tục: khai tử và xóa đăng ký thường trú
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố
    Khi "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai tử" (nếu có) với:
      | so_dang_ky | 07/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Thì đã gửi thông điệp "xóa đăng ký thường trú" đến "Công an"
    Khi "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và hồ sơ không còn chờ gì
    Và hồ sơ không đi qua "Chế độ mai táng của người chết?"
    Và Cổng DVC đã nhận lần lượt các trạng thái 1, 2, 4, 9, 10

  Kịch bản: Chọn 3 thủ tục, người chết đang hưởng BHXH: BHXH giải quyết mai táng phí
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
    Thì đã gửi thông điệp "mai táng phí" đến "Bảo hiểm xã hội"
    Khi "Bảo hiểm xã hội" trả lời "mai táng phí" với:
      | ket_qua_mai_tang | dong_y        |
      | so_quyet_dinh    | 125/QĐ-BHXH   |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ không đi qua "hỗ trợ chi phí mai táng"

  Kịch bản: Chọn 4 thủ tục, người có công: hỗ trợ chi phí mai táng và trợ cấp tuất
    Khi công dân nộp hồ sơ với:
      | lua_chon                | 4             |
      | che_do_mai_tang         | nguoi_co_cong |
      | xac_nhan_nguoi_dai_dien | vneid         |
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
    Thì đã gửi thông điệp "hỗ trợ chi phí mai táng" đến "Lao động - Thương binh và Xã hội"
    Và đã gửi thông điệp "trợ cấp tuất" đến "Bảo hiểm xã hội"
    Khi "Lao động - Thương binh và Xã hội" trả lời "hỗ trợ chi phí mai táng" với:
      | ket_qua_mai_tang | dong_y          |
      | so_quyet_dinh    | 88/QĐ-LĐTBXH    |
    Thì hồ sơ chờ ở "trợ cấp tuất"
    Khi "Bảo hiểm xã hội" trả lời "trợ cấp tuất" với:
      | ket_qua_tu_tuat | dong_y        |
      | so_quyet_dinh   | 301/QĐ-BHXH   |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và hồ sơ không còn chờ gì

  # Hiện tại: giấy, tuần tự — 2 lần đến xã, 3 giấy tờ cho khai tử và xóa thường trú.
  @chi-as-is
  Kịch bản: Hiện tại: BHXH nhận hồ sơ giấy sau khi Công an xóa thường trú; 2 lần đến xã
    Khi công dân nộp hồ sơ tại quầy với:
      | lua_chon        | 3    |
      | che_do_mai_tang | bhxh |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai tử" với:
      | so_dang_ky | 07/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Thì hồ sơ không chờ ở "Chuyển hồ sơ giấy hưởng mai táng phí sang BHXH"
    Khi "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" trả lời "mai táng phí" với:
      | ket_qua_mai_tang | dong_y |
    Và "Bộ phận Một cửa" hoàn thành "Trả Trích lục khai tử" với:
      | nguoi_nhan | Lê Văn Nam |
    Thì công dân đã đi lại 2 lần và nộp 4 giấy tờ

  # Đề xuất: khai tử trên phần mềm hộ tịch dùng chung, thông tin người chết lấy từ CSDL dân cư; các cơ
  # quan nhận hồ sơ điện tử cùng lúc; không giấy tờ, không phải đến cơ quan.
  @chi-to-be
  Kịch bản: Đề xuất: Công an, BHXH, Lao động - TB&XH nhận hồ sơ điện tử cùng lúc
    Khi công dân nộp hồ sơ trực tuyến với:
      | lua_chon                | 4              |
      | che_do_mai_tang         | bao_tro_xa_hoi |
      | xac_nhan_nguoi_dai_dien | vneid          |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hệ thống "population.lookup" đã được gọi 1 lần
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký số Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Thì hệ thống "civil_status.register_death" đã được gọi 1 lần
    Và đã gửi thông điệp "Hồ sơ xóa đăng ký thường trú" đến "Công an"
    Và đã gửi thông điệp "Hồ sơ hỗ trợ chi phí mai táng" đến "Lao động - Thương binh và Xã hội"
    Và đã gửi thông điệp "Hồ sơ hưởng trợ cấp tuất" đến "Bảo hiểm xã hội"
    Khi "Bảo hiểm xã hội" trả lời "Kết quả giải quyết trợ cấp tuất" với:
      | ket_qua_tu_tuat | dong_y |
    Và "Lao động - Thương binh và Xã hội" trả lời "Kết quả hỗ trợ chi phí mai táng" với:
      | ket_qua_mai_tang | dong_y |
    Và "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | da_xoa |
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và công dân đã đi lại 0 lần và nộp 0 giấy tờ

  # Mọi trường hợp từ chối đều phải nêu rõ lý do bằng văn bản (DOMAIN.md §1.2 [S7][E9]), kể cả khi Công an
  # trả lời qua hệ thống: hợp đồng thông điệp đòi "ly_do", và hệ thống tự kiểm tra dù hợp đồng thiếu.
  @chi-to-be
  Kịch bản: Công an từ chối xóa đăng ký thường trú thì phải nêu lý do
    Khi công dân nộp hồ sơ với:
      | lua_chon | 2 |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" thử trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | tu_choi |
    Thì hợp đồng thông điệp từ chối vì thiếu "ly_do"
    Và hồ sơ chờ ở "Kết quả xóa đăng ký thường trú"
    Khi "Công an" trả lời "Kết quả xóa đăng ký thường trú" với:
      | ket_qua_cu_tru | tu_choi                                      |
      | ly_do          | Người chết không có đăng ký thường trú tại xã |
    Thì hồ sơ không chờ ở "Kết quả xóa đăng ký thường trú"

  # Mỗi thủ tục đã chọn có kết quả riêng: BHXH từ chối mai táng phí (nêu lý do) thì khai tử và xóa đăng ký
  # thường trú vẫn đã giải quyết; thủ tục không chọn (trợ cấp tuất) không có kết quả (engine/law/outcomes.py).
  Kịch bản: BHXH từ chối mai táng phí, khai tử và xóa thường trú vẫn giải quyết, công dân biết lý do
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
    Và "Bảo hiểm xã hội" từ chối phần "mai táng phí" với lý do "Người chết không thuộc diện hưởng mai táng phí"
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và phần "Đăng ký khai tử" đã được giải quyết
    Và phần "Xóa đăng ký thường trú" đã được giải quyết
    Và phần "mai táng phí" bị từ chối với lý do "Người chết không thuộc diện hưởng mai táng phí"
    Và phần "Hưởng trợ cấp tuất" chưa có kết quả
    Và thông báo kết quả cho công dân ghi "Hưởng mai táng phí (Cơ quan Bảo hiểm xã hội): bị từ chối — lý do: Người chết không thuộc diện hưởng mai táng phí"
