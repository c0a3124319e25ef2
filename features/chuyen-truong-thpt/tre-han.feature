# language: vi
Tính năng: Chuyển trường THPT — trễ hạn và thư xin lỗi
  Quá hạn giải quyết thì cơ quan giải quyết lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh | Phạm Minh Đức   |
      | truong_di       | THPT Lê Quý Đôn |
      | truong_den      | THPT Trần Phú   |
      | pham_vi         | trong_tinh      |

  Kịch bản: Quá hạn: thư xin lỗi hẹn lại ngày, kết quả trả đúng ngày hẹn mới
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Và "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Và 7 ngày làm việc trôi qua
    Thì hồ sơ không chờ ở "Lập Phiếu xin lỗi"
    Khi quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Và hồ sơ chờ ở "Thẩm định hồ sơ"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh với trường nơi đi |
      | ngay_hen_moi  | 20/03/2025                     |
    Thì đã có thư xin lỗi hẹn lại ngày 20/03/2025
    Khi 2 ngày làm việc trôi qua
    Thì đã lập "Mẫu 04" 1 lần
    Khi "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" hoàn thành "Trả kết quả"
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và hồ sơ không còn chờ gì

  Kịch bản: Xong trước hạn thì không có thư xin lỗi
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Và "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Và "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" hoàn thành "Trả kết quả"
    Và 10 ngày làm việc trôi qua
    Thì không có thư xin lỗi
    Và hồ sơ có kết quả đúng hẹn
