# language: vi
Tính năng: Khai sinh, thường trú, thẻ BHYT — bổ sung hồ sơ
  Yêu cầu bổ sung một lần, bằng văn bản; thời gian chờ công dân bổ sung không tính vào thời hạn.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001195004321"
    Và dữ liệu hồ sơ:
      | ho_ten_tre      | Nguyễn Minh An |
      | ngay_sinh_tre   | 20/02/2025     |
      | gioi_tinh       | nam            |
      | ho_ten_me       | Trần Thị Mai   |
      | so_dinh_danh_me | 001195004321   |

  Kịch bản: Thiếu giấy tờ khi kiểm tra: tạm dừng tính hạn, bổ sung một lần, hạn lùi đúng số ngày chờ
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và 1 ngày làm việc trôi qua
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | can_bo_sung                              |
      | noi_dung_bo_sung  | Giấy chứng sinh không rõ ngày sinh của trẻ |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy chứng sinh ghi rõ ngày sinh"
    Thì đồng hồ pháp lý đang tạm dừng
    Và đồng hồ pháp lý đã dùng 1 ngày làm việc
    Và trạng thái hồ sơ trên Cổng DVC là "Yêu cầu bổ sung giấy tờ"
    Và đã lập "Mẫu 02" 1 lần
    Khi 3 ngày làm việc trôi qua
    Thì không có thư xin lỗi
    Khi công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | giay-chung-sinh.pdf |
    Thì đồng hồ pháp lý đang chạy
    Và hạn giải quyết lùi 3 ngày làm việc
    Và hồ sơ chờ ở "Kiểm tra lại hồ sơ" của "Công chức Tư pháp - Hộ tịch"
    Khi "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra lại hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Thì hồ sơ đã qua "Ký khai sinh"
    Và đã lập "Mẫu 02" 1 lần

  Kịch bản: Đã bổ sung nhưng vẫn không đủ điều kiện: từ chối, nêu rõ lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | can_bo_sung           |
      | noi_dung_bo_sung  | Thiếu giấy chứng sinh |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy chứng sinh"
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | giay-cam-doan.pdf |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra lại hồ sơ" với:
      | ket_qua_tham_dinh | khong_dat                                                |
      | ly_do             | Giấy cam đoan không có người làm chứng theo quy định |
    Và "Bộ phận Một cửa" hoàn thành "từ chối giải quyết" với:
      | ly_do | Giấy cam đoan về việc sinh không có người làm chứng |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "người làm chứng"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và đã lập "Mẫu 02" 1 lần

  # Đề xuất theo Nghị định 63/2024: công dân có 7 ngày làm việc để bổ sung, quá hạn thì từ chối.
  # Hiện tại (giấy) không có mốc này trong quy trình.
  @chi-to-be
  Kịch bản: Quá 7 ngày làm việc không bổ sung thì từ chối giải quyết, có lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | can_bo_sung            |
      | noi_dung_bo_sung  | Thiếu giấy chứng sinh  |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy chứng sinh"
    Và 8 ngày làm việc trôi qua
    Thì hồ sơ chờ ở "từ chối giải quyết" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" hoàn thành "từ chối giải quyết" với:
      | ly_do | Quá 7 ngày làm việc công dân không bổ sung giấy chứng sinh |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không bổ sung"
    Và hồ sơ bị từ chối có lý do bằng văn bản

  # Nghị định 61/2018: chỉ yêu cầu bổ sung một lần (DOMAIN.md §1.2 [S5]); sau đó giải quyết hoặc từ chối.
  Kịch bản: Đã bổ sung thì không yêu cầu bổ sung lần hai
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | can_bo_sung                                |
      | noi_dung_bo_sung  | Giấy chứng sinh không rõ ngày sinh của trẻ |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy chứng sinh ghi rõ ngày sinh"
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | giay-chung-sinh.pdf |
    Và "Công chức Tư pháp - Hộ tịch" thử yêu cầu bổ sung lần nữa với:
      | noi_dung_bo_sung | Giấy chứng sinh vẫn chưa rõ |
    Thì sơ đồ không cho yêu cầu bổ sung lần hai
    Và đồng hồ pháp lý đang chạy
    Và đã lập "Mẫu 02" 1 lần
