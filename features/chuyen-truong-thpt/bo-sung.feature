# language: vi
Tính năng: Chuyển trường THPT — yêu cầu bổ sung hồ sơ
  Thiếu giấy tờ thì Bộ phận Một cửa hướng dẫn bổ sung một lần, bằng văn bản (Mẫu 02). Khi hồ sơ
  đã được tiếp nhận, thời gian chờ công dân bổ sung không tính vào hạn giải quyết.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh | Trần Thị Bình     |
      | truong_di       | THPT Ngô Quyền    |
      | truong_den      | THPT Thái Phiên   |
      | pham_vi         | ngoai_tinh        |

  Kịch bản: Thẩm định thấy thiếu giấy tờ: tạm dừng tính hạn, công dân bổ sung, hạn lùi tương ứng
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Và "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Và 1 ngày làm việc trôi qua
    Và "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | can_bo_sung                                     |
      | noi_dung_bo_sung  | Thiếu giấy giới thiệu của Sở GDĐT nơi đi         |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Giấy giới thiệu chuyển trường của Giám đốc Sở GDĐT nơi đi"
    Thì trạng thái hồ sơ trên Cổng DVC là "Yêu cầu bổ sung giấy tờ"
    Và đồng hồ pháp lý đang tạm dừng
    Và đồng hồ pháp lý đã dùng 1 ngày làm việc
    Và đã lập "Mẫu 02" 1 lần
    Khi 4 ngày làm việc trôi qua
    Thì hồ sơ không chờ ở "Lập Phiếu xin lỗi"
    Khi công dân bổ sung hồ sơ
    Thì đồng hồ pháp lý đang chạy
    Và đồng hồ pháp lý đã dùng 1 ngày làm việc
    Và hạn giải quyết là thứ Ba 18/03/2025
    Và hồ sơ chờ ở "Thẩm định hồ sơ" của "Phòng Giáo dục Trung học"
    Và công dân đã đi lại 2 lần

  Kịch bản: Hồ sơ thiếu khi nộp: hướng dẫn bổ sung một lần bằng văn bản, chưa tính hạn
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | can_bo_sung     |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Thiếu học bạ bản chính và giấy xác nhận cư trú"
    Thì đồng hồ pháp lý chưa bắt đầu
    Và đã lập "Mẫu 02" 1 lần
    Khi 2 ngày làm việc trôi qua
    Và công dân bổ sung hồ sơ
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Thì hạn giải quyết là thứ Sáu 14/03/2025
    Và công dân đã đi lại 2 lần

  Kịch bản: Phiếu yêu cầu bổ sung phải ghi rõ nội dung cần bổ sung
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Và "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Và "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | can_bo_sung |
    Và "Bộ phận Một cửa" thử hoàn thành "Phiếu yêu cầu bổ sung"
    Thì thao tác bị từ chối vì "noi_dung_bo_sung"
    Và đồng hồ pháp lý đang chạy
