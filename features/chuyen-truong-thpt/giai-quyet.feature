# language: vi
Tính năng: Chuyển trường THPT — giải quyết hồ sơ
  Phụ huynh xin cho học sinh chuyển đến một trường THPT của tỉnh. Sở GDĐT nơi đến tiếp nhận,
  thẩm định và quyết định; kết quả trả cho phụ huynh.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh | Nguyễn Văn An   |
      | truong_di       | THPT Lê Quý Đôn |
      | truong_den      | THPT Trần Phú   |
      | pham_vi         | trong_tinh      |
      | lop             | 11              |

  Kịch bản: Hồ sơ đầy đủ được tiếp nhận, thẩm định, phê duyệt và trả kết quả đúng hẹn
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Thì hạn giải quyết là thứ Tư 12/03/2025 17:00
    Khi "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Thì hồ sơ chờ ở "Thẩm định hồ sơ" của "Phòng Giáo dục Trung học"
    Khi "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | dong_y |
    Thì trạng thái hồ sơ trên Cổng DVC là "Đã xử lý xong"
    Khi "Bộ phận Một cửa" hoàn thành "Trả kết quả"
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và không có thư xin lỗi
    Và hồ sơ không còn chờ gì
    Và Cổng DVC đã nhận lần lượt các trạng thái 1, 2, 4, 9, 10
