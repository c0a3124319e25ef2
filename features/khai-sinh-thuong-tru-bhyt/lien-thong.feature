# language: vi
Tính năng: Khai sinh, thường trú, thẻ BHYT cho trẻ dưới 6 tuổi — giải quyết liên thông
  UBND cấp xã đăng ký khai sinh; Công an đăng ký thường trú; BHXH cấp thẻ BHYT (Nghị định 63/2024).
  Hiện tại hồ sơ giấy đi lần lượt từng cơ quan; đề xuất gửi điện tử song song và trả kết quả điện tử.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001195004321"
    Và dữ liệu hồ sơ:
      | ho_ten_tre            | Nguyễn Minh An |
      | ngay_sinh_tre         | 20/02/2025     |
      | gioi_tinh             | nam            |
      | ho_ten_me             | Trần Thị Mai   |
      | so_dinh_danh_me       | 001195004321   |
      | quan_he_nguoi_yeu_cau | me             |

  Kịch bản: Khai sinh, thường trú và thẻ BHYT xong trong hạn, kết quả trả cho công dân
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố
    Khi "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai sinh" (nếu có) với:
      | so_dang_ky | 15/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Thì đã gửi thông điệp "đăng ký thường trú" đến "Công an"
    Khi "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Thì đã gửi thông điệp "thẻ BHYT" đến "Bảo hiểm xã hội"
    Khi "Bảo hiểm xã hội" trả lời "thẻ BHYT" với:
      | ma_so_bhxh | 3125012345 |
    Thì Cổng DVC đã nhận trạng thái "Đã xử lý xong"
    Khi "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và không có thư xin lỗi
    Và hồ sơ không còn chờ gì
    Và Cổng DVC đã nhận lần lượt các trạng thái 1, 2, 4, 9, 10

  Kịch bản: Lãnh đạo xã yêu cầu kiểm tra lại trước khi ký
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | tham_dinh_lai               |
      | y_kien     | Kiểm tra lại họ tên của cha |
    Thì hồ sơ chờ ở "Kiểm tra lại hồ sơ" của "Công chức Tư pháp - Hộ tịch"
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra lại hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Thì hồ sơ chờ ở "Ký khai sinh" của "Lãnh đạo UBND cấp xã"

  # Hiện tại (liên thông giấy): Công an làm xong thường trú thì xã mới chuyển hồ sơ giấy sang BHXH.
  @chi-as-is
  Kịch bản: Hiện tại: BHXH chỉ nhận hồ sơ sau khi Công an trả kết quả; 2 lần đến xã, 5 giấy tờ
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Giấy khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai sinh" với:
      | so_dang_ky | 15/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Thì hồ sơ không chờ ở "Chuyển hồ sơ giấy cấp thẻ BHYT sang BHXH"
    Khi "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Thì hồ sơ chờ ở "Chuyển hồ sơ giấy cấp thẻ BHYT sang BHXH" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" trả lời "thẻ BHYT" với:
      | ma_so_bhxh | 3125012345 |
    Và "Bộ phận Một cửa" hoàn thành "Trả Giấy khai sinh" với:
      | nguoi_nhan | Trần Thị Mai |
    Thì công dân đã đi lại 2 lần và nộp 5 giấy tờ

  # Đề xuất: nơi thường trú của mẹ lấy từ CSDL quốc gia về dân cư, khai sinh điện tử trên phần mềm hộ tịch
  # dùng chung; Công an và BHXH nhận hồ sơ điện tử cùng lúc.
  @chi-to-be
  Kịch bản: Đề xuất: Công an và BHXH làm song song, dữ liệu lấy từ CSDL, không giấy, không phải đến
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hệ thống "population.lookup" đã được gọi 1 lần
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh thông tin khai sinh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký số Trích lục khai sinh" với:
      | quyet_dinh | dong_y |
    Thì hệ thống "civil_status.register_birth" đã được gọi 1 lần
    Và đã gửi thông điệp "Hồ sơ đăng ký thường trú" đến "Công an"
    Và đã gửi thông điệp "Hồ sơ cấp thẻ BHYT" đến "Bảo hiểm xã hội"
    Khi "Bảo hiểm xã hội" trả lời "Kết quả cấp thẻ BHYT" với:
      | ma_so_bhxh | 3125012345 |
    Và "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và công dân đã đi lại 0 lần và nộp 0 giấy tờ

  # Đề xuất: khi Công an phải xác minh cư trú, thời hạn là 5 ngày làm việc thay vì 3 (Nghị định 63/2024):
  # hạn giải quyết của hồ sơ được gia hạn, không phải trễ hạn.
  @chi-to-be
  Kịch bản: Công an thông báo phải xác minh cư trú: gia hạn đến 5 ngày làm việc, không trễ hạn
    Cho bây giờ là thứ Hai 03/03/2025 lúc 09:00
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết là thứ Năm 06/03/2025 17:00
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công an" trả lời "Thông báo xác minh cư trú" với:
      | ly_do | Xác minh chỗ ở hợp pháp của mẹ |
    Thì hồ sơ chờ ở "Chờ kết quả đăng ký thường trú (có xác minh)"
    Và hạn giải quyết là thứ Hai 10/03/2025 17:00
    Và ngày hẹn trả kết quả mới là thứ Hai 10/03/2025
    Và không có thư xin lỗi
    Khi 4 ngày làm việc trôi qua
    Thì hồ sơ không chờ ở "Lập Phiếu xin lỗi"
    Và không có thư xin lỗi
    Khi "Bảo hiểm xã hội" trả lời "Kết quả cấp thẻ BHYT" với:
      | ma_so_bhxh | 3125012345 |
    Và "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn

  # Mọi trường hợp từ chối đều phải nêu rõ lý do bằng văn bản (DOMAIN.md §1.2 [S7][E9]), kể cả khi Công an
  # trả lời qua hệ thống: hợp đồng thông điệp đòi "ly_do", và hệ thống tự kiểm tra dù hợp đồng thiếu.
  @chi-to-be
  Kịch bản: Công an từ chối đăng ký thường trú thì phải nêu lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" thử trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | tu_choi |
    Thì hợp đồng thông điệp từ chối vì thiếu "ly_do"
    Và hồ sơ chờ ở "Kết quả đăng ký thường trú"
    Khi "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | tu_choi                                   |
      | ly_do          | Nơi cư trú của cha mẹ chưa được xác minh |
    Thì hồ sơ không chờ ở "Kết quả đăng ký thường trú"

  # Thời gian công dân chưa đến nhận kết quả không tính vào thời hạn: ngày xử lý xong và ngày trả kết quả
  # được ghi riêng (DOMAIN.md §1.2 [S3][M5]). Hiện tại công dân đến xã nhận kết quả giấy.
  @chi-as-is
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
    Và 1 ngày làm việc trôi qua
    Và "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" trả lời "thẻ BHYT" với:
      | ma_so_bhxh | 3125012345 |
    Thì Cổng DVC đã nhận trạng thái "Đã xử lý xong"
    Và ngày xử lý xong là 04/03/2025
    Và hồ sơ chưa trả kết quả cho công dân
    Khi 5 ngày làm việc trôi qua
    Và "Bộ phận Một cửa" trả kết quả
    Thì ngày trả kết quả là 11/03/2025
    Và ngày xử lý xong là 04/03/2025
    Và hồ sơ có kết quả đúng hẹn
    Và không có thư xin lỗi

  # Đề xuất: kết quả điện tử được trả ngay khi xử lý xong, vẫn ghi cả hai ngày.
  @chi-to-be
  Kịch bản: Đề xuất: trả kết quả điện tử ngay trong ngày xử lý xong
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và 1 ngày làm việc trôi qua
    Và "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" trả lời "thẻ BHYT" với:
      | ma_so_bhxh | 3125012345 |
    Thì ngày xử lý xong là 04/03/2025
    Và ngày trả kết quả là 04/03/2025
    Và hồ sơ có kết quả đúng hẹn
    Và đã lập "Mẫu 05" 1 lần
    Và đã lập "Mẫu 06" 1 lần

  # Đề xuất: mỗi cơ quan liên thông trả kết quả của mình qua hệ thống.
  @chi-to-be
  Kịch bản: Kết quả của từng cơ quan liên thông
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
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

  # Mỗi thủ tục trong nhóm liên thông có kết quả riêng: Công an từ chối đăng ký thường trú (nêu lý do) thì
  # khai sinh vẫn đã đăng ký, thẻ BHYT vẫn được cấp; thông báo kết quả cho công dân nói phần nào bị từ chối
  # và vì sao (engine/law/outcomes.py). Hiện tại xã ghi nhận kết quả giấy; đề xuất Công an trả lời qua hệ thống.
  Kịch bản: Công an từ chối đăng ký thường trú, khai sinh vẫn được đăng ký, công dân biết phần nào bị từ chối
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai sinh" (nếu có) với:
      | so_dang_ky | 15/2025 |
    Thì phần "Đăng ký khai sinh" đã được giải quyết
    Và phần "Đăng ký thường trú" chưa có kết quả
    Khi "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" từ chối phần "Đăng ký thường trú" với lý do "Chỗ ở của cha mẹ không phải chỗ ở hợp pháp"
    Thì phần "Đăng ký thường trú" bị từ chối với lý do "Chỗ ở của cha mẹ không phải chỗ ở hợp pháp"
    Và phần "Đăng ký khai sinh" đã được giải quyết
    Khi "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Bảo hiểm xã hội" trả lời "thẻ BHYT" với:
      | ket_qua_bhyt | da_cap     |
      | ma_so_bhxh   | 3125012345 |
    Và "Bộ phận Một cửa" trả kết quả
    Thì phần "Cấp thẻ bảo hiểm y tế" đã được giải quyết
    Và phần "Đăng ký thường trú" bị từ chối với lý do "Chỗ ở của cha mẹ không phải chỗ ở hợp pháp"
    Và hồ sơ đã kết thúc với kết quả "đồng ý"
    Và thông báo kết quả cho công dân ghi "Đăng ký thường trú (Cơ quan đăng ký cư trú (Công an)): bị từ chối — lý do: Chỗ ở của cha mẹ không phải chỗ ở hợp pháp"
    Và thông báo kết quả cho công dân ghi "Đăng ký khai sinh (Ủy ban nhân dân cấp xã (công chức Tư pháp - Hộ tịch)): đã giải quyết"
