# language: vi
Tính năng: Chuyển trường THPT — giải quyết hồ sơ
  Phụ huynh xin cho học sinh chuyển đến một trường THPT của tỉnh. Sở GDĐT nơi đến tiếp nhận và kiểm
  tra; hiện tại Lãnh đạo Sở ký văn bản đồng ý, đề xuất để Hiệu trưởng trường nơi đến quyết định và
  trường nơi đi xác nhận, chuyển hồ sơ điện tử (dự thảo Thông tư của Bộ GDĐT).

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh       | Nguyễn Văn An   |
      | so_dinh_danh_hoc_sinh | 031208001234    |
      | truong_di             | THPT Lê Quý Đôn |
      | truong_den            | THPT Trần Phú   |
      | pham_vi               | trong_tinh      |
      | lop                   | 11              |

  Kịch bản: Hồ sơ đủ điều kiện được tiếp nhận, giải quyết và trả kết quả đúng hẹn
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố
    Khi "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Thì hồ sơ chờ ở làn "Phòng Giáo dục Trung học"
    Khi "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" (nếu có) với:
      | quyet_dinh | dong_y |
    Và "Trường THPT nơi đi" trả lời "Hồ sơ học sinh chuyển đi" (nếu có) với:
      | xac_nhan | dong_y |
    Và "Trường THPT nơi đến" trả lời "Quyết định tiếp nhận học sinh" (nếu có) với:
      | quyet_dinh | tiep_nhan |
    Thì Cổng DVC đã nhận trạng thái "Đã xử lý xong"
    Khi "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và không có thư xin lỗi
    Và hồ sơ không còn chờ gì
    Và Cổng DVC đã nhận lần lượt các trạng thái 1, 2, 4, 9, 10
    Và đã lập "Mẫu 01" 1 lần
    Và đã lập "Mẫu 05" 1 lần
    Và đã lập "Mẫu 06" 1 lần

  # Hiện tại: phụ huynh mang 6 giấy tờ, đến Sở nộp một lần và nhận kết quả một lần; Lãnh đạo Sở ký.
  @chi-as-is
  Kịch bản: Hiện tại: hồ sơ giấy, hai lần đến Sở, sáu giấy tờ, Lãnh đạo Sở ký
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Thì hạn giải quyết là thứ Tư 12/03/2025 17:00
    Khi "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Và "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | dong_y |
    Thì trạng thái hồ sơ trên Cổng DVC là "Đã xử lý xong"
    Khi "Bộ phận Một cửa" hoàn thành "Trả kết quả"
    Thì công dân đã đi lại 2 lần và nộp 6 giấy tờ

  # Hiện tại: Lãnh đạo Sở có thể trả hồ sơ để thẩm định lại; đề xuất bỏ bước ký của Sở.
  @chi-as-is
  Kịch bản: Lãnh đạo Sở yêu cầu thẩm định lại trước khi ký
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | tham_dinh_lai                |
      | y_kien     | Kiểm tra lại xác nhận cư trú |
    Thì hồ sơ chờ ở "Thẩm định hồ sơ" của "Phòng Giáo dục Trung học"
    Khi "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"

  # Đề xuất: nơi cư trú và học bạ lấy từ CSDL; trường nơi đi (3 ngày) và Hiệu trưởng trường nơi đến
  # (5 ngày trong tỉnh, 8 ngày ngoại tỉnh) làm song song; kết quả điện tử; không giấy, không đến Sở.
  @chi-to-be
  Kịch bản: Đề xuất: tra cứu CSDL, hai trường làm song song, không giấy tờ, không đến Sở
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hệ thống "population.lookup" đã được gọi 1 lần
    Và hệ thống "education.student_record" đã được gọi 1 lần
    Khi "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Thì đã gửi thông điệp "Đề nghị xác nhận chuyển đi" đến "Trường THPT nơi đi"
    Và đã gửi thông điệp "Hồ sơ đề nghị tiếp nhận học sinh" đến "Trường THPT nơi đến"
    Khi "Trường THPT nơi đến" trả lời "Quyết định tiếp nhận học sinh" với:
      | quyet_dinh | tiep_nhan |
    Thì hồ sơ chờ ở "Nhận xác nhận và hồ sơ học sinh từ trường nơi đi"
    Khi "Trường THPT nơi đi" trả lời "Hồ sơ học sinh chuyển đi" với:
      | xac_nhan | dong_y |
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và đã gửi thông điệp "Kết quả giải quyết điện tử" đến "Cổng Dịch vụ công quốc gia"
    Và công dân đã đi lại 0 lần và nộp 0 giấy tờ
