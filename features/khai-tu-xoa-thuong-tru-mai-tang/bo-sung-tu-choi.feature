# language: vi
Tính năng: Khai tử, xóa thường trú, mai táng — bổ sung hồ sơ và từ chối
  Yêu cầu bổ sung một lần bằng văn bản (Mẫu 02), thời gian chờ bổ sung không tính vào thời hạn; từ chối
  tiếp nhận hay từ chối giải quyết đều phải nêu rõ lý do.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001170002468"
    Và dữ liệu hồ sơ:
      | ho_ten_nguoi_chet       | Lê Văn Hùng  |
      | so_dinh_danh_nguoi_chet | 001940001357 |
      | ngay_chet               | 27/02/2025   |
      | ho_ten_nguoi_yeu_cau    | Lê Văn Nam   |
      | lua_chon                | 2            |

  Kịch bản: Thiếu giấy báo tử: tạm dừng tính hạn, bổ sung một lần, hạn lùi đúng số ngày chờ
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | can_bo_sung                         |
      | noi_dung_bo_sung  | Giấy báo tử chưa có xác nhận của bệnh viện |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy báo tử có xác nhận của bệnh viện"
    Thì đồng hồ pháp lý đang tạm dừng
    Và trạng thái hồ sơ trên Cổng DVC là "Yêu cầu bổ sung giấy tờ"
    Khi 2 ngày làm việc trôi qua
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | giay-bao-tu.pdf |
    Thì đồng hồ pháp lý đang chạy
    Và hạn giải quyết lùi 2 ngày làm việc
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra lại hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | dong_y |
    Thì hồ sơ đã qua "Ký Trích lục khai tử"
    Và đã lập "Mẫu 02" 1 lần

  Kịch bản: Đã bổ sung nhưng vẫn không đủ căn cứ: từ chối, nêu rõ lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | can_bo_sung       |
      | noi_dung_bo_sung  | Thiếu giấy báo tử |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy báo tử"
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | don-xac-nhan.pdf |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra lại hồ sơ" với:
      | ket_qua_tham_dinh | khong_dat                                  |
      | ly_do             | Không có giấy tờ thay giấy báo tử hợp lệ |
    Và "Bộ phận Một cửa" hoàn thành "từ chối giải quyết" với:
      | ly_do | Không có giấy tờ thay giấy báo tử hợp lệ |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "giấy báo tử"
    Và hồ sơ bị từ chối có lý do bằng văn bản

  Kịch bản: Kiểm tra không đạt: từ chối giải quyết, nêu rõ lý do, không gửi cơ quan khác
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | khong_dat                           |
      | ly_do             | Người chết đã được đăng ký khai tử |
    Và "Bộ phận Một cửa" thử hoàn thành "từ chối giải quyết"
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Bộ phận Một cửa" hoàn thành "từ chối giải quyết" với:
      | ly_do | Người chết đã được đăng ký khai tử tại xã khác |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "đã được đăng ký khai tử"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và hồ sơ không đi qua "Chuyển hồ sơ xóa đăng ký thường trú sang Công an"

  Kịch bản: Từ chối tiếp nhận phải nêu lý do (Mẫu 03)
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | tu_choi |
    Và "Bộ phận Một cửa" hoàn thành "Phiếu từ chối tiếp nhận" với:
      | ly_do | Người chết không cư trú tại xã, không thuộc thẩm quyền |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không thuộc thẩm quyền"
    Và đã lập "Mẫu 03" 1 lần

  # Đề xuất (Nghị định 63/2024): quá 7 ngày làm việc không bổ sung thì từ chối; hiện tại không có mốc này.
  @chi-to-be
  Kịch bản: Quá 7 ngày làm việc không bổ sung thì từ chối giải quyết
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | can_bo_sung       |
      | noi_dung_bo_sung  | Thiếu giấy báo tử |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy báo tử"
    Và 8 ngày làm việc trôi qua
    Thì hồ sơ chờ ở "từ chối giải quyết" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" hoàn thành "từ chối giải quyết" với:
      | ly_do | Quá 7 ngày làm việc không bổ sung giấy báo tử |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không bổ sung"

  Kịch bản: Lãnh đạo xã yêu cầu kiểm tra lại trước khi ký
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" kết luận thẩm định "đạt"
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký Trích lục khai tử" với:
      | quyet_dinh | tham_dinh_lai                    |
      | y_kien     | Đối chiếu lại ngày chết trên giấy báo tử |
    Thì hồ sơ chờ ở "Kiểm tra lại hồ sơ" của "Công chức Tư pháp - Hộ tịch"
    Khi "Công chức Tư pháp - Hộ tịch" kết luận thẩm định "đạt"
    Thì hồ sơ chờ ở "Ký Trích lục khai tử" của "Lãnh đạo UBND cấp xã"

  # Tiếp nhận tại quầy (hiện tại): hồ sơ thiếu thì hướng dẫn bổ sung một lần rồi mới tiếp nhận.
  Kịch bản: Hồ sơ thiếu khi tiếp nhận: hướng dẫn bổ sung một lần, chưa tính hạn
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | can_bo_sung |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Thiếu giấy báo tử"
    Thì đồng hồ pháp lý chưa bắt đầu
    Khi công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | giay-bao-tu.pdf |
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra hồ sơ đã bổ sung" với:
      | ket_qua_kiem_tra | tu_choi |
    Và "Bộ phận Một cửa" hoàn thành "Phiếu từ chối tiếp nhận" với:
      | ly_do | Giấy báo tử bổ sung không hợp lệ |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không hợp lệ"
    Và đã lập "Mẫu 02" 1 lần

  # Nghị định 61/2018: chỉ yêu cầu bổ sung một lần (DOMAIN.md §1.2 [S5]); sau đó giải quyết hoặc từ chối.
  Kịch bản: Đã bổ sung thì không yêu cầu bổ sung lần hai
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | can_bo_sung                                |
      | noi_dung_bo_sung  | Giấy báo tử chưa có xác nhận của bệnh viện |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy báo tử có xác nhận của bệnh viện"
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | giay-bao-tu.pdf |
    Và "Công chức Tư pháp - Hộ tịch" thử yêu cầu bổ sung lần nữa với:
      | noi_dung_bo_sung | Giấy báo tử vẫn chưa có dấu |
    Thì sơ đồ không cho yêu cầu bổ sung lần hai
    Và đồng hồ pháp lý đang chạy
    Và đã lập "Mẫu 02" 1 lần
