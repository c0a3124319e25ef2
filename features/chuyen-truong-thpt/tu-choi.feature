# language: vi
Tính năng: Chuyển trường THPT — từ chối
  Từ chối tiếp nhận (Mẫu 03) hay không giải quyết sau thẩm định đều phải nêu rõ lý do bằng văn bản.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh       | Lê Văn Cường   |
      | so_dinh_danh_hoc_sinh | 031208009012   |
      | truong_di             | THPT Hồng Bàng |
      | truong_den            | THPT Trần Phú  |
      | pham_vi               | trong_tinh     |
      | lop                   | 11             |

  Kịch bản: Từ chối tiếp nhận hồ sơ, có lý do bằng văn bản (Mẫu 03)
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | tu_choi |
    Và "Bộ phận Một cửa" thử hoàn thành "Phiếu từ chối tiếp nhận"
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Bộ phận Một cửa" hoàn thành "Phiếu từ chối tiếp nhận" với:
      | ly_do | Học sinh không thuộc diện được chuyển trường giữa năm học |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không thuộc diện"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và đã lập "Mẫu 03"
    Và trạng thái hồ sơ trên Cổng DVC là "Không được tiếp nhận"
    Và đồng hồ pháp lý chưa bắt đầu

  Kịch bản: Không đủ điều kiện: văn bản từ chối nêu rõ lý do, trong hạn
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và 3 ngày làm việc trôi qua
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "không đạt" với:
      | ly_do | Trường nơi đến đã đủ sĩ số lớp 11 |
    Và "Bộ phận Một cửa" thử hoàn thành "văn bản từ chối"
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Bộ phận Một cửa" hoàn thành "văn bản từ chối" với:
      | ly_do | Trường nơi đến đã đủ sĩ số lớp 11 |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "đủ sĩ số"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và hồ sơ có kết quả đúng hẹn
    Và trạng thái hồ sơ trên Cổng DVC là "Đã trả kết quả"

  # Đề xuất: Hiệu trưởng trường nơi đến quyết định; không tiếp nhận thì Sở gửi văn bản từ chối nêu lý do.
  @chi-to-be
  Kịch bản: Hiệu trưởng trường nơi đến không tiếp nhận: văn bản từ chối nêu rõ lý do
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Trường THPT nơi đi" trả lời "Hồ sơ học sinh chuyển đi" với:
      | xac_nhan | dong_y |
    Và "Trường THPT nơi đến" trả lời "Quyết định tiếp nhận học sinh" với:
      | quyet_dinh | khong_tiep_nhan                |
      | ly_do      | Lớp 11 chuyên Toán đã đủ sĩ số |
    Thì hồ sơ chờ ở "văn bản từ chối" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" hoàn thành "văn bản từ chối" với:
      | ly_do | Trường nơi đến không tiếp nhận: lớp 11 chuyên Toán đã đủ sĩ số |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "đủ sĩ số"
    Và hồ sơ bị từ chối có lý do bằng văn bản

  # Đề xuất: chỉ trường nơi đến gửi quyết định tiếp nhận (luồng thông điệp trong sơ đồ).
  @chi-to-be
  Kịch bản: Trường nơi đi không được gửi quyết định tiếp nhận thay trường nơi đến
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Trường THPT nơi đi" thử gửi "Quyết định tiếp nhận học sinh" với:
      | quyet_dinh | tiep_nhan |
    Thì thao tác bị từ chối
    Và hồ sơ chờ ở "Nhận quyết định của Hiệu trưởng trường nơi đến"
