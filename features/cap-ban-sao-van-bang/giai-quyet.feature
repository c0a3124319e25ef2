# language: vi
Tính năng: Cấp bản sao văn bằng từ sổ gốc; chỉnh sửa nội dung văn bằng — giải quyết
  Sở GDĐT (cơ quan quản lý sổ gốc) cấp bản sao bằng tốt nghiệp THPT, hoặc quyết định chỉnh sửa nội
  dung văn bằng khi hộ tịch của người được cấp thay đổi. Cùng một kịch bản chạy cho hiện tại (giấy,
  tại quầy) và đề xuất (trực tuyến, tra cứu dữ liệu thay cho giấy tờ).

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001092000123"
    Và dữ liệu hồ sơ:
      | ho_ten         | Trần Thị Bình |
      | so_dinh_danh   | 001092000123  |
      | nam_tot_nghiep | 2010          |

  Khung kịch bản: Hồ sơ hợp lệ được giải quyết và trả kết quả đúng hẹn
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau       | <loai>     |
      | so_ban_sao         | 2          |
      | noi_dung_chinh_sua | Ngày sinh  |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố
    Khi "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Thì hồ sơ chờ ở "<viec>" của "Phòng Khảo thí và Quản lý chất lượng"
    Khi "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "<viec>" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "bản sao / quyết định chỉnh sửa" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và không có thư xin lỗi
    Và hồ sơ không còn chờ gì
    Và Cổng DVC đã nhận lần lượt các trạng thái <trang_thai>
    Và đã lập "Mẫu 01" 1 lần
    Và đã lập "Mẫu 05" 1 lần
    Và đã lập "Mẫu 06" 1 lần

    # Bản sao có phí (giả định, procedure.toml): trạng thái 6, yêu cầu thực hiện nghĩa vụ tài chính.
    Dữ liệu:
      | loai      | viec               | trang_thai        |
      | ban_sao   | lập bản sao        | 1, 2, 6, 4, 9, 10 |
      | chinh_sua | dự thảo quyết định | 1, 2, 4, 9, 10    |

  Kịch bản: Lãnh đạo Sở yêu cầu thẩm định lại trước khi ký
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau       | chinh_sua                        |
      | noi_dung_chinh_sua | Cải chính ngày sinh theo trích lục |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "dự thảo quyết định" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "bản sao / quyết định chỉnh sửa" với:
      | quyet_dinh | tham_dinh_lai                          |
      | y_kien     | Đối chiếu lại ngày sinh trên trích lục |
    Thì hồ sơ chờ ở "dự thảo quyết định" của "Phòng Khảo thí và Quản lý chất lượng"
    Khi "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "dự thảo quyết định" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "bản sao / quyết định chỉnh sửa" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"

  # Hiện tại: công dân đến nộp đơn và xuất trình CCCD, rồi quay lại nhận bản sao giấy.
  @chi-as-is
  Kịch bản: Hiện tại: hai lần đến Sở, nộp đơn và xuất trình CCCD
    Khi công dân nộp hồ sơ tại quầy với:
      | loai_yeu_cau | ban_sao |
      | so_ban_sao   | 2       |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "lập bản sao" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "Ký bản sao" với:
      | quyet_dinh | dong_y |
    Thì trạng thái hồ sơ trên Cổng DVC là "Đã xử lý xong"
    Khi "Bộ phận Một cửa" hoàn thành "Trả kết quả tại quầy"
    Thì công dân đã đi lại 2 lần và nộp 2 giấy tờ

  # Đề xuất: nộp trực tuyến bằng số định danh; sổ gốc điện tử và CSDL dân cư được tra cứu song song
  # thay cho CCCD, bản chính văn bằng và giấy tờ hộ tịch; kết quả điện tử gửi lên Cổng DVC.
  @chi-to-be
  Kịch bản: Đề xuất: không giấy tờ, không phải đến cơ quan, dữ liệu lấy từ CSDL
    Khi công dân nộp hồ sơ trực tuyến với:
      | loai_yeu_cau       | chinh_sua                          |
      | noi_dung_chinh_sua | Cải chính ngày sinh theo trích lục |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hệ thống "education.diploma_lookup" đã được gọi 1 lần
    Và hệ thống "population.lookup" đã được gọi 1 lần
    Và hồ sơ chờ ở "Đối chiếu dữ liệu hộ tịch" của "Phòng Khảo thí và Quản lý chất lượng"
    Khi "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "Đối chiếu dữ liệu hộ tịch" với:
      | ket_qua_tham_dinh       | dat       |
      | noi_dung_duoc_chinh_sua | Ngày sinh |
    Và "Lãnh đạo Sở" hoàn thành "Ký số" với:
      | quyet_dinh | dong_y |
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và đã gửi thông điệp "Kết quả giải quyết điện tử" đến "Cổng Dịch vụ công quốc gia"
    Và công dân đã đi lại 0 lần và nộp 0 giấy tờ
