# language: vi
Tính năng: Cấp bản sao, chỉnh sửa văn bằng — bổ sung hồ sơ
  Bộ phận Một cửa hướng dẫn bổ sung một lần, bằng văn bản (Mẫu 02). Khi thẩm định mới thấy thiếu, thời
  gian chờ công dân bổ sung không tính vào hạn giải quyết.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001092000123"
    Và dữ liệu hồ sơ:
      | loai_yeu_cau       | chinh_sua                          |
      | ho_ten             | Trần Thị Bình                      |
      | so_dinh_danh       | 001092000123                       |
      | noi_dung_chinh_sua | Cải chính ngày sinh theo trích lục |

  Kịch bản: Thiếu giấy tờ khi tiếp nhận: một lần yêu cầu bổ sung bằng văn bản, rồi tiếp nhận
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | can_bo_sung |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung trích lục cải chính hộ tịch"
    Thì trạng thái hồ sơ trên Cổng DVC là "Yêu cầu bổ sung giấy tờ"
    Và đồng hồ pháp lý chưa bắt đầu
    Khi 2 ngày làm việc trôi qua
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | trich-luc-cai-chinh.pdf |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố
    Và đã lập "Mẫu 02" 1 lần
    Và Cổng DVC đã nhận trạng thái "Được tiếp nhận"

  Kịch bản: Thẩm định thấy thiếu: tạm dừng tính hạn, bổ sung xong thì hạn lùi đúng số ngày chờ
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và 1 ngày làm việc trôi qua
    Và "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "dự thảo quyết định" với:
      | ket_qua_tham_dinh | can_bo_sung                                  |
      | noi_dung_bo_sung  | Trích lục cải chính hộ tịch chưa có trong CSDL |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Gửi trích lục cải chính hộ tịch"
    Thì đồng hồ pháp lý đang tạm dừng
    Và đồng hồ pháp lý đã dùng 1 ngày làm việc
    Và trạng thái hồ sơ trên Cổng DVC là "Yêu cầu bổ sung giấy tờ"
    Khi 4 ngày làm việc trôi qua
    Thì không có thư xin lỗi
    Khi công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | trich-luc-cai-chinh.pdf |
    Thì đồng hồ pháp lý đang chạy
    Và đồng hồ pháp lý đã dùng 1 ngày làm việc
    Và hạn giải quyết lùi 4 ngày làm việc
    Và hạn giải quyết đúng thời hạn công bố cộng 4 ngày tạm dừng
    Và hồ sơ chờ ở "dự thảo quyết định" của "Phòng Khảo thí và Quản lý chất lượng"
    Khi "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "dự thảo quyết định" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "bản sao / quyết định chỉnh sửa" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và đã lập "Mẫu 02" 1 lần

  # Nộp trực tuyến: công dân có 7 ngày làm việc để bổ sung (Nghị định 63/2024); hồ sơ giấy tại quầy
  # (hiện tại) không có hạn này — công dân mang giấy tờ đến khi đủ.
  @chi-to-be
  Kịch bản: Quá 7 ngày làm việc không bổ sung thì hồ sơ bị từ chối, có lý do
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | can_bo_sung |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung trích lục cải chính hộ tịch"
    Và 7 ngày làm việc trôi qua
    Thì hồ sơ chờ ở "Bổ sung hồ sơ trực tuyến" của "Công dân"
    Khi 1 ngày làm việc trôi qua
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "Quá 7 ngày làm việc"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và trạng thái hồ sơ trên Cổng DVC là "Không được tiếp nhận"

  # Nghị định 61/2018: chỉ yêu cầu bổ sung một lần (DOMAIN.md §1.2 [S5]); sau đó giải quyết hoặc từ chối.
  Kịch bản: Đã bổ sung mà thẩm định vẫn thấy thiếu: không yêu cầu bổ sung lần hai
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "dự thảo quyết định" với:
      | ket_qua_tham_dinh | can_bo_sung                                  |
      | noi_dung_bo_sung  | Trích lục cải chính hộ tịch chưa có trong CSDL |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Gửi trích lục cải chính hộ tịch"
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | trich-luc-cai-chinh.pdf |
    Và "Phòng Khảo thí và Quản lý chất lượng" thử yêu cầu bổ sung lần nữa với:
      | noi_dung_bo_sung | Trích lục chưa có dấu |
    Thì sơ đồ không cho yêu cầu bổ sung lần hai
    Và đồng hồ pháp lý đang chạy
    Và đã lập "Mẫu 02" 1 lần
    Và hồ sơ chờ ở "văn bản từ chối"
